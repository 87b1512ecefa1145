INSERT INTO membership.users (email, name, role, organization_id, country, password_hash)
VALUES ($1, $2, $3, $4::uuid, $5, $6)
RETURNING {{users_columns}}
