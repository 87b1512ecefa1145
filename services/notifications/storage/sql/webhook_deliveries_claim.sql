-- The sender takes up to $1 due deliveries of active endpoints and leases them for $2
-- milliseconds (their next_attempt_at moves past the attempt), so another replica skips them
-- now and a sender that dies leaves them due again later. SKIP LOCKED: replicas share the work.
WITH due AS (
  SELECT webhook_deliveries.id
  FROM notifications.webhook_deliveries
  JOIN notifications.webhook_endpoints ON webhook_endpoints.id = webhook_deliveries.endpoint_id
  -- An owner disabled since the delivery was queued: held, not sent, until enabled again.
  JOIN notifications.recipients owner ON owner.id = webhook_endpoints.owner_id AND owner.active
  WHERE webhook_deliveries.status = 'pending' AND webhook_deliveries.next_attempt_at <= now()
    AND webhook_endpoints.active
  ORDER BY webhook_deliveries.next_attempt_at
  LIMIT $1
  FOR UPDATE OF webhook_deliveries SKIP LOCKED
)
UPDATE notifications.webhook_deliveries
SET next_attempt_at = now() + $2::bigint * interval '1 millisecond'
FROM due, notifications.webhook_endpoints, notifications.messages
WHERE webhook_deliveries.id = due.id
  AND webhook_endpoints.id = webhook_deliveries.endpoint_id
  AND messages.id = webhook_deliveries.message_id
RETURNING webhook_deliveries.id::text AS id, webhook_deliveries.endpoint_id::text AS endpoint_id,
  webhook_deliveries.attempt_count AS attempt_count, messages.id::text AS message_id,
  messages.type AS type, messages.subject_id AS subject_id, messages.payload::text AS payload,
  (extract(epoch FROM messages.occurred_at) * 1000000)::bigint AS occurred_at_us,
  webhook_endpoints.url AS url, encode(webhook_endpoints.secret_sealed, 'hex') AS secret_sealed,
  CASE WHEN webhook_endpoints.previous_secret_expires_at > now()
       THEN encode(webhook_endpoints.previous_secret_sealed, 'hex') END AS previous_secret_sealed
