-- Moves the event's counters by a registration's change, under the event's row lock. The
-- CHECKs on events.events (taken <= capacity, each counter >= 0) hold whatever the caller
-- computed: a bug fails the transaction instead of overbooking.
UPDATE events.events
SET taken = taken + $2, waitlisted = waitlisted + $3, submitted = submitted + $4
WHERE id = $1::uuid
