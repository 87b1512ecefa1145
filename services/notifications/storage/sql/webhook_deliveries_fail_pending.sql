-- Every pending delivery of endpoint $1, dead-lettered: it was disabled (410 Gone) in this
-- transaction's statement before (webhook_endpoints_disable).
UPDATE notifications.webhook_deliveries
SET status = 'failed', next_attempt_at = NULL, updated_at = now()
WHERE endpoint_id = $1::uuid AND status = 'pending'
