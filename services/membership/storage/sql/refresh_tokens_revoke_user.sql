-- Ends every session of an account (password change, disabling).
UPDATE membership.refresh_tokens SET revoked_at = now()
WHERE user_id = $1::uuid AND revoked_at IS NULL
