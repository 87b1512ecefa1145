-- Keyset page of a programme's placements ($1) in the order the caller chose; $2 (an
-- organisation id) and $3 (a country) narrow it to what the caller may see (NULL: no filter).
-- Fetches limit + 1. Columns are qualified: a bare `id` would mean the id::text output column.
SELECT {{placements_columns}}
FROM events.placements
WHERE placements.programme_id = $1::uuid
  AND CASE WHEN $2::text IS NULL THEN true ELSE placements.organization_id = $2::text::uuid END
  AND CASE WHEN $3::text IS NULL THEN true ELSE placements.country = $3 END
  AND @after $4 $5 placements.id@
@order_by placements.id@
LIMIT $6
