-- Version $2 of document $1, its row locked (after the document's: the lock order).
SELECT {{versions_columns}}
FROM documents.versions
WHERE versions.document_id = $1::uuid AND versions.number = $2
FOR UPDATE
