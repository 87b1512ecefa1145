-- The endpoint answered 410 Gone: inactive, with the reason, and every pending delivery of it
-- dead-lettered. Returns nothing when the endpoint is gone meanwhile.
WITH failed AS (
  UPDATE notifications.webhook_deliveries
  SET status = 'failed', next_attempt_at = NULL, updated_at = now()
  WHERE endpoint_id = $1::uuid AND status = 'pending'
)
UPDATE notifications.webhook_endpoints
SET active = false, disabled_reason = $2, version = version + 1, updated_at = now()
WHERE id = $1::uuid
RETURNING id::text AS id
