SELECT {{applications_columns}}
FROM membership.membership_applications WHERE status_token_hash = $1
