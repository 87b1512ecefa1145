-- A published event with open registration got more places (capacity raised or removed): the
-- waitlisted registrations, first by waitlisted_at then id (registrations' order), are confirmed
-- into them, at most $2 (NULL: all). Runs under the event's row lock, in the update's
-- transaction; the caller moves the counters (events_promoted_places.sql) by the rows returned.
WITH first AS (
  SELECT reg.id
  FROM events.registrations AS reg
  WHERE reg.event_id = $1::uuid AND reg.status = 'waitlisted'
  ORDER BY reg.waitlisted_at, reg.id
  LIMIT $2::integer
  FOR UPDATE
)
UPDATE events.registrations AS r
SET status = 'confirmed', status_note = NULL, status_changed_at = now(),
    version = r.version + 1, updated_at = now()
FROM first
WHERE r.id = first.id
RETURNING r.id::text AS id, coalesce(r.organization_id::text, '') AS organization_id
