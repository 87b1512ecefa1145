UPDATE membership.api_keys SET revoked_at = now()
WHERE id = $1::uuid AND revoked_at IS NULL AND ($2::uuid IS NULL OR user_id = $2::uuid)
RETURNING user_id
