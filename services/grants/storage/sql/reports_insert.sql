INSERT INTO grants.reports (grant_id, kind, narrative, spent)
VALUES ($1::uuid, $2, $3, $4)
RETURNING {{reports_columns}}
