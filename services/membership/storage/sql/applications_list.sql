-- Keyset page of the applications the caller sees ($1: all; else $2's country) in the order
-- the caller chose (one statement per order and a count, from the markers); $3, $4 are text[]
-- filters (NULL: any). Fetches limit + 1.
SELECT {{applications_columns}}
FROM membership.membership_applications
WHERE ($1::bool OR country = $2)
  AND CASE WHEN $3::text[] IS NULL THEN true ELSE status = ANY($3::text[]) END
  -- One country (the usual filter) is `country = 'RS'` once the plan knows the value, so the
  -- (country, created_at, id) index returns the page in order; several are = ANY.
  AND CASE WHEN $4::text[] IS NULL THEN true
           WHEN cardinality($4::text[]) = 1 THEN country = ($4::text[])[1]
           ELSE country = ANY($4::text[]) END
  AND @after $5 $6 membership_applications.id@
@order_by membership_applications.id@
LIMIT $7
