-- Keyset page of programmes in the order the caller chose (one statement per order and a
-- count, from the markers). $1 text[] of kinds (NULL: any). Fetches limit + 1. Columns are
-- qualified: a bare `id` would mean the id::text output column.
SELECT {{programmes_columns}}
FROM events.programmes
WHERE CASE WHEN $1::text[] IS NULL THEN true ELSE programmes.kind = ANY($1::text[]) END
  AND @after $2 $3 programmes.id@
@order_by programmes.id@
LIMIT $4
