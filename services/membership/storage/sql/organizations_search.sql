-- As organizations_list, plus $11: the words of q (longest first). Every word must occur in
-- search_text; the first is the trigram index condition, the rest filter its matches. Words
-- are folded like the column and LIKE's wildcards in them escaped.
SELECT {{organizations_columns}}
FROM membership.organizations
WHERE (status = 'active' OR $1::bool OR country = $2 OR id = $3::uuid)
  -- One country (the usual filter) is `country = 'RS'` once the plan knows the value, so the
  -- (country, created_at, id) index returns the page in order; several are = ANY.
  AND CASE WHEN $4::text[] IS NULL THEN true
           WHEN cardinality($4::text[]) = 1 THEN country = ($4::text[])[1]
           ELSE country = ANY($4::text[]) END
  AND CASE WHEN $5::text[] IS NULL THEN true ELSE status = ANY($5::text[]) END
  AND CASE WHEN $6::text[] IS NULL THEN true ELSE kind = ANY($6::text[]) END
  AND CASE WHEN $7::text[] IS NULL THEN true ELSE target_groups && $7::text[] END
  AND @after $8 $9 organizations.id@
  AND search_text LIKE '%' || replace(replace(replace(public.iris_fold(($11::text[])[1]),
        '\', '\\'), '%', '\%'), '_', '\_') || '%'
  AND search_text LIKE ALL (ARRAY(
        SELECT '%' || replace(replace(replace(public.iris_fold(w), '\', '\\'), '%', '\%'),
                              '_', '\_') || '%'
        FROM unnest($11::text[]) AS w))
@order_by organizations.id@
LIMIT $10
