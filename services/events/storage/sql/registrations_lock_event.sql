-- The event, locked until the registration change commits: every change of a registration's
-- status takes this lock first, so concurrent registrations and selections of one event queue
-- here and each sees the places the previous one left (then the registration's row: one order
-- for all, no deadlock).
SELECT {{registrations_event_columns}}
FROM events.events WHERE id = $1::uuid
FOR UPDATE
