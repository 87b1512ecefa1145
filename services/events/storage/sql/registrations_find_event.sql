-- The event's facts without a lock: for reads and for the checks made before membership is asked.
SELECT {{registrations_event_columns}}
FROM events.events WHERE id = $1::uuid
