-- A new password ends every token issued so far (token_version) and the sessions
-- (refresh_tokens_revoke_user.sql, in the same transaction).
UPDATE membership.users
SET password_hash = $2, token_version = token_version + 1, version = version + 1,
    updated_at = now()
WHERE id = $1::uuid
RETURNING {{users_columns}}
