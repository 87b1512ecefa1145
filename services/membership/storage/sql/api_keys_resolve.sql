-- A disabled account's keys resolve to nothing while it is disabled (they work again if it is
-- enabled: disabling is a suspension, revoking a key is for good).
SELECT u.id, u.email, u.name, u.role, u.organization_id, u.country,
  false AS disabled, u.token_version, array_to_string(k.scopes, ',') AS scopes
FROM membership.api_keys k JOIN membership.users u ON u.id = k.user_id
WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND u.disabled_at IS NULL
