-- The documents campaign $1 links: the ids $2 (uuid[]) in that order.
INSERT INTO documents.campaign_documents (campaign_id, document_id, position)
SELECT $1::uuid, linked.id, linked.position::int
FROM unnest($2::uuid[]) WITH ORDINALITY AS linked(id, position)
