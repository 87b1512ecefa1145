-- Keyset page of one organisation's people on (created_at, id); the first page passes
-- (-infinity, nil uuid). Fetches limit + 1.
SELECT {{people_columns}}
FROM membership.people
WHERE organization_id = $1::uuid
  AND (created_at, id) > ($2::timestamptz, $3::uuid)
ORDER BY people.created_at, people.id
LIMIT $4
