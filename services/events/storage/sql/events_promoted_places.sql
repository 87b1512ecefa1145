-- $2 waitlisted registrations of the event were confirmed (events_promote_waitlisted.sql): they
-- now take places. The CHECKs (taken <= capacity, counters >= 0) hold whatever was computed.
UPDATE events.events
SET taken = taken + $2::integer, waitlisted = waitlisted - $2::integer
WHERE id = $1::uuid
