-- A grant's reports, oldest first: a short list, never paged.
SELECT {{reports_columns}}
FROM grants.reports WHERE grant_id = $1::uuid
ORDER BY created_at, id
