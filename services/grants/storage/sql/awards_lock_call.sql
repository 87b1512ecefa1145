-- The call an award is decided against, locked until the award commits: concurrent awards of
-- one call queue here, so each sees the `awarded` the previous one left.
SELECT id::text AS id, status, currency, budget, awarded, grant_count,
       extract(year FROM opens_at AT TIME ZONE timezone)::int AS opens_year
FROM grants.calls
WHERE id = $1::uuid
FOR UPDATE
