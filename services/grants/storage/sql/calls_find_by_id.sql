-- One call by id, with its allocations as a jsonb array.
SELECT {{calls_columns}}
FROM grants.calls
WHERE id = $1
