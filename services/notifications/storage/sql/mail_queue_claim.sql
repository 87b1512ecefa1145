-- Claims up to $1 due mails for $2 seconds (a lease: a worker that dies mid-send leaves them due
-- again afterwards) and returns each with its message and recipient. SKIP LOCKED: replicas
-- claim different rows; the claim commits at once, so no transaction stays open during SMTP.
WITH due AS (
  SELECT id FROM notifications.mail_queue
  WHERE status = 'pending' AND next_attempt_at <= now()
  ORDER BY next_attempt_at
  LIMIT $1
  FOR UPDATE SKIP LOCKED
), claimed AS (
  UPDATE notifications.mail_queue q
  SET next_attempt_at = now() + make_interval(secs => $2::double precision)
  FROM due
  WHERE q.id = due.id
  RETURNING q.id, q.message_id, q.recipient_id, q.attempts
)
SELECT c.id::text AS id, c.message_id::text AS message_id, c.recipient_id AS recipient_id,
       c.attempts AS attempts, m.type AS type, m.subject_id AS subject_id,
       m.payload::text AS payload,
       (extract(epoch FROM m.occurred_at) * 1000000)::bigint AS occurred_at_us,
       coalesce(CASE WHEN r.active THEN r.email END, '') AS email,
       coalesce(r.name, '') AS name,
       coalesce(s.language, 'en') AS language
FROM claimed c
JOIN notifications.messages m ON m.id = c.message_id
LEFT JOIN notifications.recipients r ON r.id = c.recipient_id
LEFT JOIN notifications.subscriptions s ON s.recipient_id = c.recipient_id
