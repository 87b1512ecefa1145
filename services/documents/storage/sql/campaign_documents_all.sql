-- Every document campaign $1 links, seen or not, in its order: an update keeps the links the
-- editor could not see.
SELECT campaign_documents.document_id::text AS document_id
FROM documents.campaign_documents
WHERE campaign_documents.campaign_id = $1::uuid
ORDER BY campaign_documents.position
