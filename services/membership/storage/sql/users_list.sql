-- Keyset page of accounts in the order the caller chose (one statement per order and a count,
-- from the markers), for network admins. Filters are text[] (NULL: any) matching any value.
-- Fetches limit + 1.
SELECT {{users_columns}}
FROM membership.users
WHERE @after $1 $2 users.id@
  AND CASE WHEN $3::text[] IS NULL THEN true ELSE role = ANY($3::text[]) END
  -- A member's country is its organisation's.
  AND CASE WHEN $4::text[] IS NULL THEN true
           ELSE COALESCE(country, (SELECT o.country FROM membership.organizations o
                                   WHERE o.id = users.organization_id)) = ANY($4::text[]) END
  AND CASE WHEN $5::uuid[] IS NULL THEN true ELSE organization_id = ANY($5::uuid[]) END
@order_by users.id@
LIMIT $6
