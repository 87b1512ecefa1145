SELECT {{applications_columns}}
FROM membership.membership_applications WHERE id = $1::uuid
FOR UPDATE
