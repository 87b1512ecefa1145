-- $10: the consent changed, so its date moves to now (or clears when none is left).
UPDATE membership.people
SET name = $3, email = NULLIF($4, ''), phone = NULLIF($5, ''), role = NULLIF($6, ''),
    languages = $7::text[], consent_directory = $8, consent_newsletter = $9,
    consent_given_at = CASE WHEN NOT $10::bool THEN consent_given_at
                            WHEN $8 OR $9 THEN now() END,
    version = version + 1, updated_at = now()
WHERE id = $1::uuid AND version = $2
RETURNING {{people_columns}}
