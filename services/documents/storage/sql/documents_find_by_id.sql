-- One document by id.
SELECT {{documents_columns}}
FROM documents.documents
WHERE documents.id = $1::uuid
