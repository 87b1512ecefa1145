webhook_deliveries.id::text AS id, webhook_deliveries.endpoint_id::text AS endpoint_id,
webhook_deliveries.message_id::text AS message_id, messages.type AS type,
messages.subject_id AS subject_id, webhook_deliveries.status AS status,
webhook_deliveries.attempt_count AS attempt_count,
(extract(epoch FROM webhook_deliveries.next_attempt_at) * 1000000)::bigint AS next_attempt_at_us,
(extract(epoch FROM webhook_deliveries.created_at) * 1000000)::bigint AS created_at_us,
(extract(epoch FROM webhook_deliveries.updated_at) * 1000000)::bigint AS updated_at_us
