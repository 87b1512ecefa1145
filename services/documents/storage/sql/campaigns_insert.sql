-- A new campaign; its linked documents follow (campaign_documents_replace).
INSERT INTO documents.campaigns (name, hashtag, scope, country, starts_on, ends_on, lead_organization_id,
                       key_messages, event_ids)
VALUES ($1::jsonb, $2, $3, $4, $5::date, NULLIF($6, '')::date, NULLIF($7, '')::uuid,
        $8::jsonb, $9::uuid[])
RETURNING {{campaigns_columns}}
