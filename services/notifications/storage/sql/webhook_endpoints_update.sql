-- The editable fields as they now are ($2..$5); re-activating clears the reason it was
-- disabled.
UPDATE notifications.webhook_endpoints
SET url = $2, topics = $3::text[], description = $4, active = $5,
    disabled_reason = CASE WHEN $5 THEN NULL ELSE disabled_reason END,
    version = version + 1, updated_at = now()
WHERE id = $1::uuid
RETURNING {{webhook_endpoints_columns}}
