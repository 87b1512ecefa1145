-- One item of $2's inbox; another person's is no row.
SELECT {{inbox_columns}}
FROM notifications.inbox
JOIN notifications.messages m ON m.id = inbox.message_id
WHERE inbox.id = $1::uuid AND inbox.recipient_id = $2
