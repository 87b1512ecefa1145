-- The call's allocations from a JSON array [{"country": "RS", "amount": 2400000}, ...].
INSERT INTO grants.call_allocations (call_id, country, amount)
SELECT $1::uuid, e ->> 'country', (e ->> 'amount')::bigint
FROM jsonb_array_elements($2::jsonb) AS e
