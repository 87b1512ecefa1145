SELECT {{reports_columns}}
FROM grants.reports WHERE id = $1::uuid
FOR UPDATE
