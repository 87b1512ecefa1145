-- The first start and the last end of an event's sessions (NULLs without sessions): what a
-- reschedule must still contain.
SELECT (extract(epoch FROM min(starts_at)) * 1000000)::bigint AS first_start_us,
       (extract(epoch FROM max(ends_at)) * 1000000)::bigint AS last_end_us
FROM events.sessions
WHERE event_id = $1::uuid
