-- Keyset page of accounts on (created_at, id), for network admins; the first page passes
-- (-infinity, nil uuid). Filters are '' for "any". Fetches limit + 1.
SELECT {{users_columns}}
FROM membership.users
WHERE (created_at, id) > ($1::timestamptz, $2::uuid)
  AND ($3 = '' OR role = $3)
  -- A member's country is its organisation's.
  AND ($4 = '' OR COALESCE(country, (SELECT o.country FROM membership.organizations o
                                     WHERE o.id = users.organization_id)) = $4)
  AND ($5 = '' OR organization_id = NULLIF($5, '')::uuid)
ORDER BY users.created_at, users.id
LIMIT $6
