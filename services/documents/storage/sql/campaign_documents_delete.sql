-- Every document link of campaign $1 (campaign_documents_insert then writes the new list).
DELETE FROM documents.campaign_documents WHERE campaign_id = $1::uuid
