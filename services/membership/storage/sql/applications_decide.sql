-- Only a submitted application is decided: of two concurrent decisions the second finds no row.
UPDATE membership.membership_applications
SET status = $2, status_note = NULLIF($3, ''), organization_id = NULLIF($4, '')::uuid,
    status_changed_at = now(), version = version + 1, updated_at = now()
WHERE id = $1::uuid AND status = 'submitted'
RETURNING {{applications_columns}}
