-- Keyset page of campaigns in the order the caller chose. $1 scope, $2 country (text[], NULL:
-- any).
SELECT {{campaigns_columns}}
FROM documents.campaigns
WHERE CASE WHEN $1::text[] IS NULL THEN true ELSE campaigns.scope = ANY($1::text[]) END
  AND CASE WHEN $2::text[] IS NULL THEN true ELSE campaigns.country = ANY($2::text[]) END
  AND @after $3 $4 campaigns.id@
@order_by campaigns.id@
LIMIT $5
