-- The files of document $1's versions (all, or version $2 when it is not 0), in upload order.
SELECT files.version AS version, {{files_columns}}
FROM documents.files
WHERE files.document_id = $1::uuid AND ($2::int = 0 OR files.version = $2::int)
ORDER BY files.version, files.position
