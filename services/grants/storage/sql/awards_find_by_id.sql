SELECT {{awards_columns}}
FROM grants.grants WHERE id = $1::uuid
