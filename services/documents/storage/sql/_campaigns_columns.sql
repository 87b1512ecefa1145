-- The columns every campaigns statement returns (without its links). Included as
-- {{campaigns_columns}}.
campaigns.id::text AS id, campaigns.name::text AS name, campaigns.hashtag, campaigns.scope,
  campaigns.country, campaigns.starts_on::text AS starts_on,
  coalesce(campaigns.ends_on::text, '') AS ends_on,
  coalesce(campaigns.lead_organization_id::text, '') AS lead_organization_id,
  campaigns.key_messages::text AS key_messages,
  array_to_json(campaigns.event_ids)::text AS event_ids, campaigns.version,
  (extract(epoch FROM campaigns.created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM campaigns.updated_at) * 1000000)::bigint AS updated_at_us
