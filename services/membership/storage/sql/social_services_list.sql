-- Keyset page in the order the caller chose, as organizations_list (one statement per order and
-- a count, from the markers); visibility follows the organisation: active ones, or all ($1),
-- the caller's country ($2) or own organisation ($3). $4 narrows to one organisation; $5..$8
-- are text[] filters (NULL: any). licence_expires_before ($9) is strict and leaves out services
-- without expiry. Fetches limit + 1.
SELECT {{social_services_columns}}
FROM membership.social_services s
JOIN membership.organizations o ON o.id = s.organization_id
WHERE (o.status = 'active' OR $1::bool OR o.country = $2 OR o.id = $3::uuid)
  AND ($4::uuid IS NULL OR s.organization_id = $4::uuid)
  AND ($5::text[] IS NULL OR o.country = ANY($5::text[]))
  AND ($6::text[] IS NULL OR s.target_groups && $6::text[])
  AND ($7::text[] IS NULL OR s.category = ANY($7::text[]))
  AND ($8::text[] IS NULL OR s.licensing_status = ANY($8::text[]))
  AND ($9::date IS NULL OR s.licence_valid_until < $9::date)
  AND @after $10 $11 s.id@
@order_by s.id@
LIMIT $12
