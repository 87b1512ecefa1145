-- Sends again every delivery of endpoint $1 that failed at or after $2 (updated_at: when it
-- became failed; one created earlier that failed during a long outage is included).
WITH replayed AS (
  UPDATE notifications.webhook_deliveries
  SET status = 'pending', next_attempt_at = now(), updated_at = now()
  WHERE endpoint_id = $1::uuid AND status = 'failed' AND updated_at >= $2::timestamptz
  RETURNING 1
)
SELECT count(*)::int AS replayed FROM replayed
