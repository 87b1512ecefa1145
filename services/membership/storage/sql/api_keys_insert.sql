INSERT INTO membership.api_keys (user_id, name, prefix, key_hash, scopes)
VALUES ($1::uuid, $2, $3, $4, string_to_array($5, ','))
RETURNING id, (extract(epoch FROM created_at) * 1000000)::bigint AS created_at_us
