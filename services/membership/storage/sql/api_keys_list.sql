SELECT id, user_id, name, prefix, array_to_string(scopes, ',') AS scopes,
  (extract(epoch FROM created_at) * 1000000)::bigint AS created_at_us
FROM membership.api_keys
WHERE revoked_at IS NULL AND ($1::uuid IS NULL OR user_id = $1::uuid)
ORDER BY created_at, id
