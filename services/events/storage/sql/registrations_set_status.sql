-- A verb's new status for a row the caller holds locked (the use case checked the transition);
-- a registration put on the waiting list queues from now.
UPDATE events.registrations
SET status = $2, status_note = NULLIF($3, ''), status_changed_at = now(),
    waitlisted_at = CASE WHEN $2 = 'waitlisted' THEN now() ELSE waitlisted_at END,
    version = version + 1, updated_at = now()
WHERE id = $1::uuid
RETURNING {{registrations_columns}}
