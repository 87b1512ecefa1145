-- Keyset page of one endpoint's deliveries ($1); $2 a status (NULL: any).
SELECT {{webhook_deliveries_columns}}
FROM notifications.webhook_deliveries
JOIN notifications.messages ON messages.id = webhook_deliveries.message_id
WHERE webhook_deliveries.endpoint_id = $1::uuid
  AND CASE WHEN $2::text IS NULL THEN true ELSE webhook_deliveries.status = $2::text END
  AND @after $3 $4 webhook_deliveries.id@
@order_by webhook_deliveries.id@
LIMIT $5
