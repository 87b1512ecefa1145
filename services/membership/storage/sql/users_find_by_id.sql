SELECT {{users_columns}}
FROM membership.users WHERE id = $1::uuid
