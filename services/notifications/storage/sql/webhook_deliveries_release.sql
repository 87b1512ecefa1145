-- A sender that stops (a replica shut down, a rolling deploy) hands back the deliveries it
-- claimed and did not attempt: due at once for another replica instead of after the lease.
UPDATE notifications.webhook_deliveries
SET next_attempt_at = now()
WHERE id = ANY($1::uuid[]) AND status = 'pending'
