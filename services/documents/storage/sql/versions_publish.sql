-- Publishes version $2 of document $1: every reader sees it from now on, and it takes no more
-- files. Only once.
UPDATE documents.versions
SET published_at = now()
WHERE versions.document_id = $1::uuid AND versions.number = $2 AND versions.published_at IS NULL
RETURNING {{versions_columns}}
