-- A lifecycle step: only from the status $2, so of two concurrent verbs the second finds no row.
UPDATE events.events
SET status = $3, status_note = NULLIF($4, ''), status_changed_at = now(),
    version = version + 1, updated_at = now()
WHERE events.id = $1::uuid AND events.status = $2
RETURNING {{events_columns}}
