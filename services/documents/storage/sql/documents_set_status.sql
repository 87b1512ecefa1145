-- A workflow step: only from the status $2, so of two concurrent verbs the second finds no row.
-- $5: the step publishes the latest version (it becomes the published one; the first
-- publication dates the document).
UPDATE documents.documents
SET status = $3, status_note = NULLIF($4, ''), status_changed_at = now(),
    published_version = CASE WHEN $5::bool THEN latest_version ELSE published_version END,
    published_at = CASE WHEN $5::bool THEN coalesce(published_at, now()) ELSE published_at END,
    version = version + 1, updated_at = now()
WHERE documents.id = $1::uuid AND documents.status = $2
RETURNING {{documents_columns}}
