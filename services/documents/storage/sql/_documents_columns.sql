-- The columns every documents statement returns, named: the repository reads a row by these
-- names in one place. Included as {{documents_columns}}.
documents.id::text AS id, documents.kind, documents.title::text AS title,
  documents.summary::text AS summary, array_to_json(documents.countries)::text AS countries,
  array_to_json(documents.topics)::text AS topics,
  array_to_json(documents.languages)::text AS languages,
  array_to_json(documents.organization_ids)::text AS organization_ids,
  array_to_json(documents.authors)::text AS authors, documents.status,
  coalesce(documents.status_note, '') AS status_note,
  (extract(epoch FROM documents.status_changed_at) * 1000000)::bigint AS status_changed_at_us,
  (extract(epoch FROM documents.published_at) * 1000000)::bigint AS published_at_us,
  documents.latest_version, documents.published_version, documents.version,
  (extract(epoch FROM documents.created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM documents.updated_at) * 1000000)::bigint AS updated_at_us
