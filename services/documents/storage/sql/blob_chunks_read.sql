-- Chunks $2..$3 of a blob, in order: a download reads a few at a time, one short query each.
SELECT blob_chunks.seq AS seq, blob_chunks.data AS data
FROM documents.blob_chunks
WHERE blob_chunks.blob_id = $1::uuid AND blob_chunks.seq BETWEEN $2::integer AND $3::integer
ORDER BY blob_chunks.seq
