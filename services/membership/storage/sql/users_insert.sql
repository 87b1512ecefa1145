INSERT INTO membership.users (email, name, role, organization_id, country, password_hash)
VALUES ($1, $2, $3, $4::uuid, $5, $6)
RETURNING id, email, name, role, organization_id, country, version,
  (extract(epoch FROM created_at) * 1000000)::bigint,
  (extract(epoch FROM updated_at) * 1000000)::bigint
