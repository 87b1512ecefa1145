-- The audit log is read newest first, page after page (GET /v1/audit-events: ORDER BY at DESC,
-- id DESC from a keyset position, from/to as ranges of `at`): an index scan from the position
-- instead of sorting the whole log on every page. Read backwards; id breaks ties of one instant
-- (every entry of a transaction shares its now()).
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at, id);
