-- One document by id, its row locked until the transaction ends: every change of a document,
-- its versions and files takes this lock first, so they see each other's outcome.
SELECT {{documents_columns}}
FROM documents.documents
WHERE documents.id = $1::uuid
FOR UPDATE
