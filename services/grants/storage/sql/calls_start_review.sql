-- Closing a call: every submitted application of it goes to review, in the close's
-- transaction (the call's row is locked, so no submission slips in between). Returns each
-- application moved, for its message and audit entry.
UPDATE grants.applications
SET status = 'under_review', status_changed_at = now(), updated_at = now(),
    version = version + 1
WHERE call_id = $1::uuid AND status = 'submitted'
RETURNING id::text AS id, call_id::text AS call_id, organization_id::text AS organization_id,
  coalesce(country, '') AS country, version
