-- A refused or failed attempt: try again after $2 seconds.
UPDATE notifications.mail_queue
SET attempts = attempts + 1, last_error = $3,
    next_attempt_at = now() + make_interval(secs => $2::double precision)
WHERE id = $1::uuid AND status = 'pending'
