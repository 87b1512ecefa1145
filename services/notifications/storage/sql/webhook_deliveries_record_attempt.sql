-- One attempt of delivery $1 and what follows: $2 the new status ('pending' waits $6
-- milliseconds more), $3 the HTTP status (0: none), $4 the error (NULL: none), $5 its duration.
-- Nothing when the delivery is gone (its endpoint deleted meanwhile).
WITH attempt AS (
  INSERT INTO notifications.webhook_attempts (delivery_id, response_status, error, duration_ms)
  SELECT id, $3::int, $4::text, $5::int FROM notifications.webhook_deliveries WHERE id = $1::uuid
)
UPDATE notifications.webhook_deliveries
SET status = $2::text, attempt_count = attempt_count + 1,
    next_attempt_at = CASE WHEN $2::text = 'pending'
                           THEN now() + $6::bigint * interval '1 millisecond' END,
    updated_at = now()
WHERE id = $1::uuid
RETURNING attempt_count AS attempt_count
