SELECT id, email, name, role, organization_id, country, version,
  (extract(epoch FROM created_at) * 1000000)::bigint,
  (extract(epoch FROM updated_at) * 1000000)::bigint
FROM membership.users WHERE id = $1::uuid
