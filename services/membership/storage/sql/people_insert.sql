-- Consent given at creation is dated now; none given leaves consent_given_at empty.
INSERT INTO membership.people (organization_id, name, email, phone, role, languages,
                               consent_directory, consent_newsletter, consent_given_at)
VALUES ($1::uuid, $2, NULLIF($3, ''), NULLIF($4, ''), NULLIF($5, ''), $6::text[], $7, $8,
        CASE WHEN $7 OR $8 THEN now() END)
RETURNING {{people_columns}}
