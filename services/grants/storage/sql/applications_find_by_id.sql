SELECT {{applications_columns}}
FROM grants.applications WHERE id = $1::uuid
