-- What the gateway checks each access token against (cached there for a few seconds).
SELECT disabled_at IS NOT NULL AS disabled, token_version
FROM membership.users WHERE id = $1::uuid
