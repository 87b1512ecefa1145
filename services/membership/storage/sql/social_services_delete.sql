DELETE FROM membership.social_services WHERE id = $1::uuid AND version = $2
RETURNING id::text
