-- As organizations_list, plus $11: the words of q (longest first). Every word must occur in
-- search_text; the first is the trigram index condition, the rest filter its matches. Words
-- are folded like the column and LIKE's wildcards in them escaped.
SELECT {{organizations_columns}}
FROM membership.organizations
WHERE {{organizations_filters}}
  AND @after $8 $9 organizations.id@
  AND search_text LIKE '%' || replace(replace(replace(public.iris_fold(($11::text[])[1]),
        '\', '\\'), '%', '\%'), '_', '\_') || '%'
  AND search_text LIKE ALL (ARRAY(
        SELECT '%' || replace(replace(replace(public.iris_fold(w), '\', '\\'), '%', '\%'),
                              '_', '\_') || '%'
        FROM unnest($11::text[]) AS w))
@order_by organizations.id@
LIMIT $10
