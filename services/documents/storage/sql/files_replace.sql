-- A file uploaded again under its name: new bytes and text, same position.
UPDATE documents.files
SET media_type = $4::text, blob_id = $5::uuid, size = $6::bigint, sha256 = $7::text,
  text = $8::text, uploaded_at = now()
WHERE files.document_id = $1::uuid AND files.version = $2::integer AND files.name = $3::text
RETURNING {{files_columns}}
