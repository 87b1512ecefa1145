-- Sends again every failed delivery of endpoint $1 created at or after $2.
WITH replayed AS (
  UPDATE notifications.webhook_deliveries
  SET status = 'pending', next_attempt_at = now(), updated_at = now()
  WHERE endpoint_id = $1::uuid AND status = 'failed' AND created_at >= $2::timestamptz
  RETURNING 1
)
SELECT count(*)::int AS replayed FROM replayed
