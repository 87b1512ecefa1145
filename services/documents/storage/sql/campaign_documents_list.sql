-- The documents campaigns $4 (uuid[]) link that the caller ($1..$3) sees, in each campaign's
-- order.
SELECT campaign_documents.campaign_id::text AS campaign_id, documents.id::text AS document_id
FROM documents.campaign_documents
JOIN documents.documents ON documents.id = campaign_documents.document_id
WHERE campaign_documents.campaign_id = ANY($4::uuid[])
  AND (documents.status IN ('published', 'archived') OR {{documents_sees_unpublished}})
ORDER BY campaign_documents.campaign_id, campaign_documents.position
