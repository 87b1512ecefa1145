-- What person $1 chose; no row while its role's defaults apply.
SELECT {{subscriptions_columns}}
FROM notifications.subscriptions
WHERE recipient_id = $1
