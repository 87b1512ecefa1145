-- A blob no file refers to any more (its file was replaced); its chunks go with it (cascade).
DELETE FROM documents.blobs
WHERE blobs.id = $1::uuid
