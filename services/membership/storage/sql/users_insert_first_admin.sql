-- lower() as in users_insert.sql.
INSERT INTO membership.users (email, name, role, password_hash)
SELECT lower($1), $2, 'network_admin', $3
WHERE NOT EXISTS (SELECT 1 FROM membership.users WHERE role = 'network_admin')
RETURNING id
