-- A worker that stops (a replica shut down, a rolling deploy) hands back the mails it claimed
-- and did not send: due at once for another replica instead of after the lease.
UPDATE notifications.mail_queue
SET next_attempt_at = now()
WHERE id = ANY($1::uuid[]) AND status = 'pending'
