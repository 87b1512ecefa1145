-- One file of a version by name: what a download serves and what an upload replaces.
SELECT {{files_columns}}
FROM documents.files
WHERE files.document_id = $1::uuid AND files.version = $2::integer AND files.name = $3::text
