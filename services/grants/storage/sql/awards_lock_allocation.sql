-- The country's allocation within the call, if it has one (no row: no ceiling).
SELECT amount, awarded
FROM grants.call_allocations
WHERE call_id = $1::uuid AND country = $2
FOR UPDATE
