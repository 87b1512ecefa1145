-- lower(): NormalizeEmail lower-cases ASCII only; Postgres completes it for other scripts with
-- the lower() that users_email_check compares with, so "Ärger@..." is stored as "ärger@...".
INSERT INTO membership.users (email, name, role, organization_id, country, password_hash)
VALUES (lower($1), $2, $3, $4::uuid, $5, $6)
RETURNING {{users_columns}}
