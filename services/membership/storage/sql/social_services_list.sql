-- Keyset page in the order the caller chose, as organizations_list (one statement per order and
-- a count, from the markers); visibility follows the organisation: active ones, or all ($1),
-- the caller's country ($2) or own organisation ($3). $4 narrows to one organisation; $5..$8
-- are text[] filters (NULL: any). licence_expires_before ($9) is strict and leaves out services
-- without expiry. Fetches limit + 1.
SELECT {{social_services_columns}}
FROM membership.social_services s
JOIN membership.organizations o ON o.id = s.organization_id
WHERE (o.status = 'active' OR $1::bool OR o.country = $2 OR o.id = $3::uuid)
  AND CASE WHEN $4::uuid IS NULL THEN true ELSE s.organization_id = $4::uuid END
  AND CASE WHEN $5::text[] IS NULL THEN true ELSE o.country = ANY($5::text[]) END
  AND CASE WHEN $6::text[] IS NULL THEN true ELSE s.target_groups && $6::text[] END
  AND CASE WHEN $7::text[] IS NULL THEN true ELSE s.category = ANY($7::text[]) END
  AND CASE WHEN $8::text[] IS NULL THEN true ELSE s.licensing_status = ANY($8::text[]) END
  AND CASE WHEN $9::date IS NULL THEN true ELSE s.licence_valid_until < $9::date END
  AND @after $10 $11 s.id@
@order_by s.id@
LIMIT $12
