-- A blob being written: its row comes first (the chunks reference it) with a placeholder size
-- and digest that blobs_finish.sql sets once the last byte arrived, in the same transaction.
INSERT INTO documents.blobs (size, sha256, chunk_size)
VALUES (0, repeat('0', 64), $1::integer)
RETURNING blobs.id::text AS id
