SELECT {{social_services_columns}}
FROM membership.social_services s WHERE s.id = $1::uuid
FOR UPDATE
