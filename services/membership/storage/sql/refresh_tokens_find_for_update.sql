-- The token with this hash. refresh_tokens_lock_session.sql, taken first, is what serializes
-- changes to a session; the row lock only keeps anything else from changing the row meanwhile.
SELECT id, family_id, user_id, used_at IS NOT NULL AS used, revoked_at IS NOT NULL AS revoked,
       expires_at <= now() AS expired, token_version
FROM membership.refresh_tokens
WHERE token_hash = $1
FOR UPDATE
