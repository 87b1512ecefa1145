-- Keyset page of accounts in the order the caller chose (one statement per order and a count,
-- from the markers), for network admins. Filters are text[] (NULL: any) matching any value.
-- Fetches limit + 1.
SELECT {{users_columns}}
FROM membership.users
WHERE @after $1 $2 users.id@
  AND ($3::text[] IS NULL OR role = ANY($3::text[]))
  -- A member's country is its organisation's.
  AND ($4::text[] IS NULL OR COALESCE(country, (SELECT o.country FROM membership.organizations o
                                                WHERE o.id = users.organization_id))
                             = ANY($4::text[]))
  AND ($5::uuid[] IS NULL OR organization_id = ANY($5::uuid[]))
@order_by users.id@
LIMIT $6
