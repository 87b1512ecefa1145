-- How many files version $2 of document $1 holds (0 for version 0: none).
SELECT count(*)::int AS files
FROM documents.files
WHERE files.document_id = $1::uuid AND files.version = $2::int
