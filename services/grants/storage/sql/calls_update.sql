-- The writable fields, if the version is still $2; no row means someone changed it first.
UPDATE grants.calls
SET title = $3::jsonb, description = $4::jsonb, opens_at = $5::timestamptz,
    closes_at = $6::timestamptz, timezone = $7, currency = $8, budget = $9, max_award = $10,
    eligible_countries = $11::text[], criteria = $12::jsonb, version = version + 1,
    updated_at = now()
WHERE id = $1::uuid AND version = $2
RETURNING id::text AS id
