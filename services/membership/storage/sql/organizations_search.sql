-- As organizations_list, plus $11: the words of q (longest first). Every word must occur in
-- search_text; the first is the trigram index condition, the rest filter its matches. Words
-- are folded like the column and LIKE's wildcards in them escaped.
SELECT {{organizations_columns}}
FROM membership.organizations
WHERE (status = 'active' OR $1::bool OR country = $2 OR id = $3::uuid)
  -- One country (the usual filter) as `country = 'RS'` once the plan knows the value, so the
  -- (country, created_at, id) index returns the page in order; several as = ANY.
  AND ($4::text[] IS NULL
       OR cardinality($4::text[]) = 1 AND country = ($4::text[])[1]
       OR cardinality($4::text[]) > 1 AND country = ANY($4::text[]))
  AND ($5::text[] IS NULL OR status = ANY($5::text[]))
  AND ($6::text[] IS NULL OR kind = ANY($6::text[]))
  AND ($7::text[] IS NULL OR target_groups && $7::text[])
  AND @after $8 $9 organizations.id@
  AND search_text LIKE '%' || replace(replace(replace(public.iris_fold(($11::text[])[1]),
        '\', '\\'), '%', '\%'), '_', '\_') || '%'
  AND search_text LIKE ALL (ARRAY(
        SELECT '%' || replace(replace(replace(public.iris_fold(w), '\', '\\'), '%', '\%'),
                              '_', '\_') || '%'
        FROM unnest($11::text[]) AS w))
@order_by organizations.id@
LIMIT $10
