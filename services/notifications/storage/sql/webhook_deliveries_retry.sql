-- Sends one delivery again at once, whatever its status, with the same message (webhook-id).
UPDATE notifications.webhook_deliveries
SET status = 'pending', next_attempt_at = now(), updated_at = now()
WHERE id = $1::uuid
RETURNING id::text AS id
