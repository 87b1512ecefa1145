-- What a read of a blob needs to plan its chunk queries.
SELECT blobs.size AS size, blobs.chunk_size AS chunk_size
FROM documents.blobs
WHERE blobs.id = $1::uuid
