-- A new file of a version, after the ones already there (position = upload order: 1 is the
-- main file). The caller holds the version's row lock, so no other upload takes the position.
INSERT INTO documents.files
  (document_id, version, name, position, media_type, blob_id, size, sha256, text)
SELECT $1::uuid, $2::integer, $3::text,
  coalesce((SELECT max(f.position) FROM documents.files f
            WHERE f.document_id = $1::uuid AND f.version = $2::integer), 0) + 1,
  $4::text, $5::uuid, $6::bigint, $7::text, $8::text
RETURNING {{files_columns}}
