-- Adds a day attended to a locked registration that does not have it yet, keeping the days in
-- order.
UPDATE events.registrations
SET attended_days = (SELECT array_agg(d ORDER BY d) FROM unnest(attended_days || $2::date) AS d),
    version = version + 1, updated_at = now()
WHERE id = $1::uuid
RETURNING {{registrations_columns}}
