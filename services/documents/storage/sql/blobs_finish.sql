-- The size and SHA-256 of a blob whose chunks are all written.
UPDATE documents.blobs
SET size = $2::bigint, sha256 = $3::text
WHERE blobs.id = $1::uuid
