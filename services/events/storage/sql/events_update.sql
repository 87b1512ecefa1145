-- The writable fields, if the version is still $2; no row means someone changed it first. The
-- places stay as registrations keep them (the CHECK refuses a capacity below what is taken).
UPDATE events.events
SET kind = $3, title = $4::jsonb, description = $5::jsonb, edition = $6, theme = $7::jsonb,
    format = $8, venue = $9, city = $10, location_country = $11, online_url = $12,
    starts_at = $13::timestamptz, ends_at = $14::timestamptz, timezone = $15,
    languages = $16::text[], language_requirement = $17::jsonb, capacity = $18::integer,
    audience = $19, country = $20, host_organization_id = NULLIF($21, '')::uuid,
    partner_organization_ids = $22::uuid[], registration_mode = $23,
    registration_opens_at = $24::timestamptz, registration_closes_at = $25::timestamptz,
    certificate_threshold = $26, version = version + 1, updated_at = now()
WHERE events.id = $1::uuid AND events.version = $2
RETURNING events.id::text AS id
