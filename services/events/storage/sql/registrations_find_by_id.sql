SELECT {{registrations_columns}}
FROM events.registrations WHERE id = $1::uuid
