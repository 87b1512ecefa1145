-- The writable fields, if the version is still $2; no row means someone changed it first.
-- Dates are NULL when not set.
UPDATE events.placements
SET trainee_name = $3, trainee_email = $4, host_organization = $5, starts_on = $6::date,
    ends_on = $7::date, mentor_name = $8, mentor_email = $9, topic = $10, outcome = $11,
    version = version + 1, updated_at = now()
WHERE id = $1::uuid AND version = $2
RETURNING {{placements_columns}}
