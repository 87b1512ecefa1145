-- Its deliveries and their attempts go with it (ON DELETE CASCADE): nothing of it is sent again.
DELETE FROM notifications.webhook_endpoints WHERE id = $1::uuid
