-- As organizations_list, plus $11: the words of q (longest first). Every word must occur in
-- search_text; the first is the trigram index condition, the rest filter its matches. Words
-- are folded like the column and LIKE's wildcards in them escaped.
SELECT {{organizations_columns}}
FROM membership.organizations
WHERE (status = 'active' OR $1::bool OR country = $2 OR id = $3::uuid)
  AND ($4::text IS NULL OR country = $4)
  AND ($5::text IS NULL OR status = $5)
  AND ($6::text IS NULL OR kind = $6)
  AND ($7::text IS NULL OR target_groups @> ARRAY[$7::text])
  AND (created_at, id) > ($8::timestamptz, $9::uuid)
  AND search_text LIKE '%' || replace(replace(replace(public.iris_fold(($11::text[])[1]),
        '\', '\\'), '%', '\%'), '_', '\_') || '%'
  AND search_text LIKE ALL (ARRAY(
        SELECT '%' || replace(replace(replace(public.iris_fold(w), '\', '\\'), '%', '\%'),
                              '_', '\_') || '%'
        FROM unnest($11::text[]) AS w))
ORDER BY organizations.created_at, organizations.id
LIMIT $10
