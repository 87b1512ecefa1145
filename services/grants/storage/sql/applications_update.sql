-- Only a draft is edited: a submission that won the row first leaves no row here.
UPDATE grants.applications
SET project_title = $2, summary = $3, requested = $4, duration_months = $5,
    budget_lines = $6::jsonb, version = version + 1, updated_at = now()
WHERE id = $1::uuid AND status = 'draft'
RETURNING {{applications_columns}}
