SELECT {{people_columns}}
FROM membership.people WHERE id = $1::uuid
FOR UPDATE
