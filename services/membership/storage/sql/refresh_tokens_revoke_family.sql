-- Ends a session: every token of the family, used or not.
UPDATE membership.refresh_tokens SET revoked_at = now()
WHERE family_id = $1::uuid AND revoked_at IS NULL
