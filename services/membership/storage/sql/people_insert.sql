-- Consent given at creation is dated now; none given leaves consent_given_at empty.
INSERT INTO membership.people (organization_id, name, email, phone, role, languages,
                               consent_directory, consent_newsletter, consent_given_at)
VALUES ($1::uuid, $2, NULLIF($3, ''), NULLIF($4, ''), NULLIF($5, ''), $6::text[], $7, $8,
        CASE WHEN $7 OR $8 THEN now() END)
RETURNING id::text, organization_id::text, name, coalesce(email, ''), coalesce(phone, ''), coalesce(role, ''), array_to_json(languages)::text, consent_directory, consent_newsletter, (extract(epoch FROM consent_given_at) * 1000000)::bigint, version, (extract(epoch FROM created_at) * 1000000)::bigint, (extract(epoch FROM updated_at) * 1000000)::bigint
