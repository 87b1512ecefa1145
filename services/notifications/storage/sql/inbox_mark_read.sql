-- Marks $2's item $1 read unless it was: a row only when this call read it first.
UPDATE notifications.inbox
SET read_at = now()
WHERE id = $1::uuid AND recipient_id = $2 AND read_at IS NULL
RETURNING id::text AS id
