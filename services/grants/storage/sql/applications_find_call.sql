-- The facts of the call an application belongs to (this area's own view of grants.calls).
SELECT {{applications_call_columns}}
FROM grants.calls WHERE id = $1::uuid
