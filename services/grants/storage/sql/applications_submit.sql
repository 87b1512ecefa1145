-- draft -> submitted, with the organisation's name and country as membership answered.
UPDATE grants.applications
SET status = 'submitted', organization_name = $2, country = $3, submitted_at = now(),
    status_note = NULL, status_changed_at = now(), version = version + 1, updated_at = now()
WHERE id = $1::uuid AND status = 'draft'
RETURNING {{applications_columns}}
