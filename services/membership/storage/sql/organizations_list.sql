-- Keyset page on (created_at, id); the first page passes (-infinity, nil uuid) so the
-- position is always an index condition, also in a generic plan. Fetches limit + 1. ORDER BY
-- qualifies its columns: a bare `id` would mean the id::text output column.
SELECT {{organizations_columns}}
FROM membership.organizations
WHERE (status = 'active' OR $1::bool OR country = $2 OR id = $3::uuid)
  AND ($4::text IS NULL OR country = $4)
  AND ($5::text IS NULL OR status = $5)
  AND ($6::text IS NULL OR kind = $6)
  AND ($7::text IS NULL OR target_groups @> ARRAY[$7::text])
  AND (created_at, id) > ($8::timestamptz, $9::uuid)
ORDER BY organizations.created_at, organizations.id
LIMIT $10
