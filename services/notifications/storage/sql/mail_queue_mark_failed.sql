-- Given up: a permanent refusal, no usable recipient, or retries exhausted.
UPDATE notifications.mail_queue
SET status = 'failed', attempts = attempts + 1, last_error = $2
WHERE id = $1::uuid AND status = 'pending'
