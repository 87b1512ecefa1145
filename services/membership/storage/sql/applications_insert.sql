INSERT INTO membership.membership_applications (organization, country, contact_name,
                                                contact_email, motivation, status_token_hash)
VALUES ($1::jsonb, $2, $3, $4, $5, $6)
RETURNING {{applications_columns}}
