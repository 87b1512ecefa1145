-- Keyset page of $1's inbox in the order asked (one statement per order and a count, from the
-- markers); $2: unread only. Fetches limit + 1.
SELECT {{inbox_columns}}
FROM notifications.inbox
JOIN notifications.messages m ON m.id = inbox.message_id
WHERE inbox.recipient_id = $1
  AND CASE WHEN $2::bool THEN inbox.read_at IS NULL ELSE true END
  AND @after $3 $4 inbox.id@
@order_by inbox.id@
LIMIT $5
