-- A returned report's content; no row when it is no longer returned.
UPDATE grants.reports
SET kind = $2, narrative = $3, spent = $4, version = version + 1, updated_at = now()
WHERE id = $1::uuid AND status = 'returned'
RETURNING {{reports_columns}}
