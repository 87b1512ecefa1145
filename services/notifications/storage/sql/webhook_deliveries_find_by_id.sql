SELECT {{webhook_deliveries_columns}}
FROM notifications.webhook_deliveries
JOIN notifications.messages ON messages.id = webhook_deliveries.message_id
WHERE webhook_deliveries.id = $1::uuid
