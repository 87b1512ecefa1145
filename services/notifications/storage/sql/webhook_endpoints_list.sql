-- Keyset page of endpoints; $1 the owner (NULL: every owner, for network admins).
SELECT {{webhook_endpoints_columns}}
FROM notifications.webhook_endpoints
WHERE CASE WHEN $1::text IS NULL THEN true ELSE owner_id = $1::text END
  AND @after $2 $3 webhook_endpoints.id@
@order_by webhook_endpoints.id@
LIMIT $4
