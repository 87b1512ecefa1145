DELETE FROM membership.people WHERE id = $1::uuid AND version = $2
RETURNING id::text
