-- Adds a grant to its country's allocation; no row when it would pass the allocation.
UPDATE grants.call_allocations
SET awarded = awarded + $3
WHERE call_id = $1::uuid AND country = $2 AND awarded + $3 <= amount
RETURNING awarded
