-- Version $2 of document $1 (the caller holds the document's row lock and moves its
-- latest_version in the same transaction).
INSERT INTO documents.versions (document_id, number, change_note)
VALUES ($1::uuid, $2, $3)
RETURNING {{versions_columns}}
