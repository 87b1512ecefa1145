-- A new agenda session (its event's row is locked by the caller: a reschedule waits).
INSERT INTO events.sessions (event_id, title, description, starts_at, ends_at, speakers)
VALUES ($1::uuid, $2::jsonb, $3::jsonb, $4::timestamptz, $5::timestamptz, $6::jsonb)
RETURNING {{sessions_columns}}
