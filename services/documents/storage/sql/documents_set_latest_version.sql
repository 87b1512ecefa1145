-- The document's latest version is now $2 (a new version was inserted in this transaction).
-- Its version and updated_at stay: a version is no change of the document's metadata, and
-- readers who see only the published version must not learn that a revision is being prepared
-- (the public ETag and the -updated_at order would tell them). Editors' ETags still move: the
-- gateway's ETag variant is the current_version each caller sees.
UPDATE documents.documents
SET latest_version = $2
WHERE documents.id = $1::uuid AND documents.latest_version = $2 - 1
RETURNING {{documents_columns}}
