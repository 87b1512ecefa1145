-- One campaign by id, its row locked until the transaction ends.
SELECT {{campaigns_columns}}
FROM documents.campaigns
WHERE campaigns.id = $1::uuid
FOR UPDATE
