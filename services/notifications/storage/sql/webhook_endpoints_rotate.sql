-- A new secret ($2, sealed hex); the current one keeps signing beside it until $3.
UPDATE notifications.webhook_endpoints
SET previous_secret_sealed = secret_sealed, previous_secret_expires_at = $3::timestamptz,
    secret_sealed = decode($2, 'hex'), version = version + 1, updated_at = now()
WHERE id = $1::uuid
RETURNING {{webhook_endpoints_columns}}
