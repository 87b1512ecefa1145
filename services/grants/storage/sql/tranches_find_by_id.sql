SELECT {{tranches_columns}}
FROM grants.tranches WHERE id = $1::uuid
