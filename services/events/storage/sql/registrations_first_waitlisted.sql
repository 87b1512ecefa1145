-- The registration waiting longest on the event's list (ties by id), locked: the one a freed
-- place goes to.
SELECT {{registrations_columns}}
FROM events.registrations
WHERE event_id = $1::uuid AND status = 'waitlisted'
ORDER BY waitlisted_at, id
LIMIT 1
FOR UPDATE
