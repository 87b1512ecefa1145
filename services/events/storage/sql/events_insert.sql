-- A new draft; the caller reads it back.
INSERT INTO events.events (kind, title, description, edition, theme, format, venue, city,
                           location_country, online_url, starts_at, ends_at, timezone, languages,
                           language_requirement, capacity, audience, country,
                           host_organization_id, partner_organization_ids, registration_mode,
                           registration_opens_at, registration_closes_at, certificate_threshold)
VALUES ($1, $2::jsonb, $3::jsonb, $4, $5::jsonb, $6, $7, $8, $9, $10, $11::timestamptz,
        $12::timestamptz, $13, $14::text[], $15::jsonb, $16::integer, $17, $18,
        NULLIF($19, '')::uuid, $20::uuid[], $21, $22::timestamptz, $23::timestamptz, $24)
RETURNING events.id::text AS id
