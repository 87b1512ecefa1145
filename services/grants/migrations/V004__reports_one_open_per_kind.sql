-- A grant has at most one report of each kind waiting for a decision (submitted, or returned
-- for revision): a grantee revises and resubmits that one instead of filing more, so the
-- reports of a grant grow only as staff accept them.
CREATE UNIQUE INDEX reports_one_open_per_kind ON grants.reports (grant_id, kind)
  WHERE status IN ('submitted', 'returned');
