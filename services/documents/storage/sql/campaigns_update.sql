-- The writable fields, if the version is still $2; no row means someone changed it first.
UPDATE documents.campaigns
SET name = $3::jsonb, hashtag = $4, scope = $5, country = $6, starts_on = $7::date,
    ends_on = NULLIF($8, '')::date, lead_organization_id = NULLIF($9, '')::uuid,
    key_messages = $10::jsonb, event_ids = $11::uuid[], version = version + 1, updated_at = now()
WHERE campaigns.id = $1::uuid AND campaigns.version = $2
RETURNING {{campaigns_columns}}
