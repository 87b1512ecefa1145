-- Keyset page in the order the caller chose: db::StatementSet writes one statement per sortable
-- field and direction from the @after@ and @order_by@ markers (libs/db/sorted_statements.hpp),
-- and the count of include=total. The first page passes a position before every row, so the
-- position is an index condition, also in a generic plan. Filters $4..$7 are text[] (NULL: any)
-- and match any of their values. An optional filter is `CASE WHEN $n IS NULL THEN true ELSE
-- ... END`, not `($n IS NULL OR ...)`: in the generic plan a prepared statement settles on,
-- Postgres estimated each OR at about 1 %, four of them at one row, and chose to read every
-- row after the position and sort them: 3.3 ms against 0.9 ms in EXPLAIN ANALYZE for a page of
-- 50 of 1,000 rows, 15 ms against 6 ms through the API. Visibility and filters are the
-- fragment _organizations_filters.sql, shared with organizations_search. Fetches limit + 1.
-- Columns are qualified: a bare `id` would mean the id::text output column.
SELECT {{organizations_columns}}
FROM membership.organizations
WHERE {{organizations_filters}}
  AND @after $8 $9 organizations.id@
@order_by organizations.id@
LIMIT $10
