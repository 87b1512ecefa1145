-- The account and its hash, locked: a password change checks the old one and writes the new
-- one in one transaction, so two changes cannot both pass with the same old password.
SELECT {{users_columns}}, password_hash
FROM membership.users WHERE id = $1::uuid
FOR UPDATE
