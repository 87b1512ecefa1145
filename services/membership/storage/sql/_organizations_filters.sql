-- The visibility and filters of organizations_list and organizations_search, one WHERE clause
-- from `WHERE` on: visible to the caller (active, or all ($1), the caller's country ($2) or own
-- organisation ($3)), then $4..$7 as text[] filters (NULL: any; any of the values matches). One
-- country (the usual filter) is `country = 'RS'` once the plan knows the value, so the
-- (country, created_at, id) index returns the page in order; several are = ANY. An optional
-- filter is CASE WHEN $n IS NULL THEN true ELSE ... END, not ($n IS NULL OR ...): see
-- organizations_list.sql. Included as {{organizations_filters}}.
(status = 'active' OR $1::bool OR country = $2 OR id = $3::uuid)
  AND CASE WHEN $4::text[] IS NULL THEN true
           WHEN cardinality($4::text[]) = 1 THEN country = ($4::text[])[1]
           ELSE country = ANY($4::text[]) END
  AND CASE WHEN $5::text[] IS NULL THEN true ELSE status = ANY($5::text[]) END
  AND CASE WHEN $6::text[] IS NULL THEN true ELSE kind = ANY($6::text[]) END
  AND CASE WHEN $7::text[] IS NULL THEN true ELSE target_groups && $7::text[] END
