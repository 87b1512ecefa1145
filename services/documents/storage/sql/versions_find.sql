-- Version $2 of document $1.
SELECT {{versions_columns}}
FROM documents.versions
WHERE versions.document_id = $1::uuid AND versions.number = $2
