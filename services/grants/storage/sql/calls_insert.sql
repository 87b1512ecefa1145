-- A new draft; its allocations follow (calls_insert_allocations), then the caller reads it back.
INSERT INTO grants.calls (title, description, opens_at, closes_at, timezone, currency, budget,
                          max_award, eligible_countries, criteria)
VALUES ($1::jsonb, $2::jsonb, $3::timestamptz, $4::timestamptz, $5, $6, $7, $8, $9::text[],
        $10::jsonb)
RETURNING id::text AS id
