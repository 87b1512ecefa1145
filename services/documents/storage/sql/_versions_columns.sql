-- The columns every versions statement returns. Included as {{versions_columns}}.
versions.document_id::text AS document_id, versions.number, versions.change_note,
  (extract(epoch FROM versions.published_at) * 1000000)::bigint AS published_at_us,
  (extract(epoch FROM versions.created_at) * 1000000)::bigint AS created_at_us
