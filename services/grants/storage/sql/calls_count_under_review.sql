-- Finalizing waits for every application of the call to be decided.
SELECT count(*) AS under_review
FROM grants.applications
WHERE call_id = $1::uuid AND status = 'under_review'
