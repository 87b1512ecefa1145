-- Keyset page in the order the caller chose: db::StatementSet writes one statement per sortable
-- field and direction from the @after@ and @order_by@ markers (libs/db/sorted_statements.hpp),
-- and the count of include=total. The first page passes a position before every row, so the
-- position is an index condition, also in a generic plan. Filters $4..$7 are text[] (NULL: any)
-- and match any of their values. Fetches limit + 1. Columns are qualified: a bare `id` would
-- mean the id::text output column.
SELECT {{organizations_columns}}
FROM membership.organizations
WHERE (status = 'active' OR $1::bool OR country = $2 OR id = $3::uuid)
  -- One country (the usual filter) as `country = 'RS'` once the plan knows the value, so the
  -- (country, created_at, id) index returns the page in order; several as = ANY.
  AND ($4::text[] IS NULL
       OR cardinality($4::text[]) = 1 AND country = ($4::text[])[1]
       OR cardinality($4::text[]) > 1 AND country = ANY($4::text[]))
  AND ($5::text[] IS NULL OR status = ANY($5::text[]))
  AND ($6::text[] IS NULL OR kind = ANY($6::text[]))
  AND ($7::text[] IS NULL OR target_groups && $7::text[])
  AND @after $8 $9 organizations.id@
@order_by organizations.id@
LIMIT $10
