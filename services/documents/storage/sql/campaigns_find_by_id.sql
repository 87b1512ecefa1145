-- One campaign by id.
SELECT {{campaigns_columns}}
FROM documents.campaigns
WHERE campaigns.id = $1::uuid
