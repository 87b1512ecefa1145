-- A grant's tranches, by due date: a short list, never paged.
SELECT {{tranches_columns}}
FROM grants.tranches WHERE grant_id = $1::uuid
ORDER BY due_on, created_at, id
