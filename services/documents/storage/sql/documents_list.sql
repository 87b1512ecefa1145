-- Keyset page of the documents the caller sees, in the order the caller chose (one statement
-- per order and a count, from the markers). $1..$3 the caller, $4..$9 the filters
-- (_documents_filters.sql).
SELECT {{documents_columns}}
FROM documents.documents
WHERE {{documents_filters}}
  AND @after $10 $11 documents.id@
@order_by documents.id@
LIMIT $12
