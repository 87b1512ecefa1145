webhook_endpoints.id::text AS id, webhook_endpoints.owner_id AS owner_id,
webhook_endpoints.owner_role AS owner_role, webhook_endpoints.url AS url,
array_to_json(webhook_endpoints.topics)::text AS topics,
webhook_endpoints.description AS description, webhook_endpoints.active AS active,
coalesce(webhook_endpoints.disabled_reason, '') AS disabled_reason,
encode(webhook_endpoints.secret_sealed, 'hex') AS secret_sealed,
encode(webhook_endpoints.previous_secret_sealed, 'hex') AS previous_secret_sealed,
(extract(epoch FROM webhook_endpoints.previous_secret_expires_at) * 1000000)::bigint
  AS previous_secret_expires_at_us,
webhook_endpoints.version AS version,
(extract(epoch FROM webhook_endpoints.created_at) * 1000000)::bigint AS created_at_us,
(extract(epoch FROM webhook_endpoints.updated_at) * 1000000)::bigint AS updated_at_us
