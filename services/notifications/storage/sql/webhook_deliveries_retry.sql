-- Sends one delivery again at once, with the same message (webhook-id): a succeeded or failed
-- one (a pending one is waiting for, or in, its next attempt: sending it beside that would be
-- a second send at once; WebhookUseCases answers 409 for it).
UPDATE notifications.webhook_deliveries
SET status = 'pending', next_attempt_at = now(), updated_at = now()
WHERE id = $1::uuid AND status <> 'pending'
RETURNING id::text AS id
