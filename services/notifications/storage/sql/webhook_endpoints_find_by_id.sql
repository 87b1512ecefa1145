SELECT {{webhook_endpoints_columns}}
FROM notifications.webhook_endpoints
WHERE webhook_endpoints.id = $1::uuid
