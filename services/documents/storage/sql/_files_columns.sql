-- The columns a file row is read by (storage::FileFromRow), in every statement returning files.
-- Included as {{files_columns}}.
files.name AS name, files.position AS position, files.media_type AS media_type,
  files.size AS size, files.sha256 AS sha256, files.blob_id::text AS blob_id,
  (extract(epoch FROM files.uploaded_at) * 1000000)::bigint AS uploaded_at_us
