-- Whether the grant has an accepted report of this kind: a tranche requiring it may be paid.
SELECT EXISTS (SELECT 1 FROM grants.reports
               WHERE grant_id = $1::uuid AND kind = $2 AND status = 'accepted') AS accepted
