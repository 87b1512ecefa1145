-- lower() as users_insert.sql stores the address: any case of any script signs in.
SELECT id, email, name, role, organization_id, country, disabled_at IS NOT NULL AS disabled,
  token_version, password_hash
FROM membership.users WHERE email = lower($1)
