UPDATE membership.organizations
SET status = $3, status_note = NULLIF($4, ''), status_changed_at = now(),
    version = version + 1, updated_at = now()
WHERE id = $1::uuid AND version = $2
RETURNING {{organizations_columns}}
