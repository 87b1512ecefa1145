-- A deadline learnt from a message ($1 kind, $2 subject, $3 due, $4 text[] countries, $5 the
-- reminder's data). A moved deadline is a new one: its reminder goes out again.
INSERT INTO notifications.deadlines (kind, subject_id, due_at, countries, payload)
VALUES ($1, $2, $3::timestamptz, $4::text[], $5::jsonb)
ON CONFLICT (kind, subject_id) DO UPDATE
SET reminded_at = CASE WHEN deadlines.due_at = EXCLUDED.due_at THEN deadlines.reminded_at
                       ELSE NULL END,
    due_at = EXCLUDED.due_at,
    countries = EXCLUDED.countries,
    payload = EXCLUDED.payload
