-- Keyset page of one organisation's people in the order the caller chose (one statement per
-- order and a count, from the markers: libs/db/sorted_statements.hpp). Fetches limit + 1.
SELECT {{people_columns}}
FROM membership.people
WHERE organization_id = $1::uuid
  AND @after $2 $3 people.id@
@order_by people.id@
LIMIT $4
