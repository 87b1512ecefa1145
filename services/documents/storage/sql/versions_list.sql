-- The versions of document $1 by number; $2: only published ones (readers who do not see the
-- document unpublished).
SELECT {{versions_columns}}
FROM documents.versions
WHERE versions.document_id = $1::uuid
  AND (NOT $2::bool OR versions.published_at IS NOT NULL)
ORDER BY versions.number
