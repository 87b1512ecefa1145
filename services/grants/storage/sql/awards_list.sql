-- Keyset page of grants (public) in the order the caller chose; $1..$3 are text[] filters
-- (NULL: any) on call, organisation (both UUIDs, checked by the use case) and country. Fetches limit + 1.
SELECT {{awards_columns}}
FROM grants.grants
WHERE CASE WHEN $1::text[] IS NULL THEN true ELSE call_id = ANY($1::text[]::uuid[]) END
  AND CASE WHEN $2::text[] IS NULL THEN true
           ELSE organization_id = ANY($2::text[]::uuid[]) END
  AND CASE WHEN $3::text[] IS NULL THEN true ELSE country = ANY($3::text[]) END
  AND @after $4 $5 grants.id@
@order_by grants.id@
LIMIT $6
