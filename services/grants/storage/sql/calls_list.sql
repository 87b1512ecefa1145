-- Keyset page of calls in the order the caller chose (one statement per order and a count,
-- from the markers). $1: drafts included (network admins); $2, $3 text[] filters (NULL: any):
-- statuses, and countries of which any is eligible. Fetches limit + 1. Columns are qualified:
-- a bare `id` would mean the id::text output column.
SELECT {{calls_columns}}
FROM grants.calls
WHERE CASE WHEN $1::bool THEN true ELSE calls.status <> 'draft' END
  AND CASE WHEN $2::text[] IS NULL THEN true ELSE calls.status = ANY($2::text[]) END
  AND CASE WHEN $3::text[] IS NULL THEN true ELSE calls.eligible_countries && $3::text[] END
  AND @after $4 $5 calls.id@
@order_by calls.id@
LIMIT $6
