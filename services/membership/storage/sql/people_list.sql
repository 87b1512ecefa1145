-- Keyset page of one organisation's people on (created_at, id); the first page passes
-- (-infinity, nil uuid). Fetches limit + 1.
SELECT id::text, organization_id::text, name, coalesce(email, ''), coalesce(phone, ''), coalesce(role, ''), array_to_json(languages)::text, consent_directory, consent_newsletter, (extract(epoch FROM consent_given_at) * 1000000)::bigint, version, (extract(epoch FROM created_at) * 1000000)::bigint, (extract(epoch FROM updated_at) * 1000000)::bigint
FROM membership.people
WHERE organization_id = $1::uuid
  AND (created_at, id) > ($2::timestamptz, $3::uuid)
ORDER BY people.created_at, people.id
LIMIT $4
