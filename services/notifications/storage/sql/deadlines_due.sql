-- Deadlines whose reminder is due: not reminded yet, within $1 seconds (IRIS_REMINDER_LEAD)
-- and not passed; at most $2, soonest first.
SELECT kind, subject_id, (extract(epoch FROM due_at) * 1000000)::bigint AS due_at_us,
       to_json(countries)::text AS countries, payload::text AS payload
FROM notifications.deadlines
WHERE reminded_at IS NULL
  AND due_at > now()
  AND due_at <= now() + make_interval(secs => $1::double precision)
ORDER BY due_at
LIMIT $2
