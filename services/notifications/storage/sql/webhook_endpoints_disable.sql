-- The endpoint answered 410 Gone: inactive, with the reason. Returns nothing when the endpoint
-- is gone meanwhile. First of two statements (webhook_deliveries_fail_pending follows): taking
-- the endpoint's row waits for fan-outs that share-locked it, so the next statement, with a new
-- snapshot, sees every delivery they queued; later fan-outs see the endpoint inactive.
UPDATE notifications.webhook_endpoints
SET active = false, disabled_reason = $2, version = version + 1, updated_at = now()
WHERE id = $1::uuid
RETURNING id::text AS id
