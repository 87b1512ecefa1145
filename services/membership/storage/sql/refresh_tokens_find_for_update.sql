-- The token with this hash, locked: two refreshes with one token are serialized, so only one
-- rotates it and the other sees it used.
SELECT id, family_id, user_id, used_at IS NOT NULL AS used, revoked_at IS NOT NULL AS revoked,
       expires_at <= now() AS expired
FROM membership.refresh_tokens
WHERE token_hash = $1
FOR UPDATE
