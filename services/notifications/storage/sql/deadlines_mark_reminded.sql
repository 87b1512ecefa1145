-- The reminder of this very deadline was stored; a deadline moved meanwhile (another due_at)
-- stays due, for its own reminder.
UPDATE notifications.deadlines
SET reminded_at = now()
WHERE kind = $1 AND subject_id = $2 AND reminded_at IS NULL
  AND (extract(epoch FROM due_at) * 1000000)::bigint = $3::bigint
