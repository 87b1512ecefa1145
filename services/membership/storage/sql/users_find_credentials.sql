-- lower() as users_insert.sql stores the address: any case of any script signs in.
SELECT id, email, name, role, organization_id, country, password_hash
FROM membership.users WHERE email = lower($1)
