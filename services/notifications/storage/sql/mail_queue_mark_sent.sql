-- The mail was accepted by the SMTP server (or written as a file).
UPDATE notifications.mail_queue
SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL
WHERE id = $1::uuid AND status = 'pending'
