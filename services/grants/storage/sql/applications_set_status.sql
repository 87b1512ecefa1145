-- A verb's new state for a row the caller holds locked (the use case checked the transition).
UPDATE grants.applications
SET status = $2, status_note = NULLIF($3, ''), status_changed_at = now(),
    version = version + 1, updated_at = now()
WHERE id = $1::uuid
RETURNING {{applications_columns}}
