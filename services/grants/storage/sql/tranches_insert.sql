INSERT INTO grants.tranches (grant_id, amount, due_on, requires_report)
VALUES ($1::uuid, $2, $3::date, NULLIF($4, ''))
RETURNING {{tranches_columns}}
