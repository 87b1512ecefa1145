SELECT id, email, name, role, organization_id, country, password_hash
FROM membership.users WHERE email = $1
