SELECT u.id, u.email, u.name, u.role, u.organization_id, u.country,
  array_to_string(k.scopes, ',') AS scopes
FROM membership.api_keys k JOIN membership.users u ON u.id = k.user_id
WHERE k.key_hash = $1 AND k.revoked_at IS NULL
