-- Which of the ids $4 (uuid[]) name documents the caller ($1..$3) sees: a campaign links only
-- those.
SELECT documents.id::text AS id
FROM documents.documents
WHERE documents.id = ANY($4::uuid[])
  AND (documents.status IN ('published', 'archived') OR {{documents_sees_unpublished}})
