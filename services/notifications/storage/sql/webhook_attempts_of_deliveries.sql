-- The attempts of the deliveries $1 (uuid text[] literal), oldest first.
SELECT delivery_id::text AS delivery_id,
       (extract(epoch FROM attempted_at) * 1000000)::bigint AS attempted_at_us,
       response_status AS response_status, coalesce(error, '') AS error,
       duration_ms AS duration_ms
FROM notifications.webhook_attempts
WHERE delivery_id = ANY($1::text[]::uuid[])
ORDER BY delivery_id, id
