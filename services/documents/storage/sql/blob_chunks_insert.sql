-- One full chunk of a blob (or its last, shorter one); $3 is sent as binary (bytea).
INSERT INTO documents.blob_chunks (blob_id, seq, data)
VALUES ($1::uuid, $2::integer, $3::bytea)
