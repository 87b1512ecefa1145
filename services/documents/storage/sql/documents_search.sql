-- A page of the documents matching q ($10, a websearch query folded like the vectors), ranked
-- by ts_rank_cd, then id; $11 rows from offset $12 (a ranked list pages by offset: a rank is no
-- stable key). A document matches on its public vector, or on the full one when the caller sees
-- it unpublished; it ranks on the one it matched. $1..$9 as documents_list.
WITH q AS (SELECT websearch_to_tsquery('simple', public.iris_fold($10::text)) AS query)
SELECT {{documents_columns}},
       ts_rank_cd(CASE WHEN {{documents_sees_unpublished}} THEN documents.search_all
                       ELSE documents.search_public END, q.query) AS rank
FROM documents.documents, q
WHERE {{documents_filters}}
  AND (documents.search_public @@ q.query
       OR ({{documents_sees_unpublished}} AND documents.search_all @@ q.query))
ORDER BY rank DESC, documents.id
LIMIT $11 OFFSET $12
