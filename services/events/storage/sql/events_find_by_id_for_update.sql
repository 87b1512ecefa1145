-- One event by id, its row locked until the transaction ends (the lock registrations take too).
SELECT {{events_columns}}
FROM events.events
WHERE events.id = $1::uuid
FOR UPDATE
