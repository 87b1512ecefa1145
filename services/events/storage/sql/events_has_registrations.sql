-- Whether the event has any registration row, whatever its status (a cancelled or rejected one
-- too): its registration mode is then fixed.
SELECT EXISTS (SELECT 1 FROM events.registrations WHERE event_id = $1::uuid) AS found
