-- One event by id.
SELECT {{events_columns}}
FROM events.events
WHERE events.id = $1::uuid
