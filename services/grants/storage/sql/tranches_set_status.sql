-- planned -> $2 (paid on $3, or cancelled); no row when the tranche is no longer planned.
UPDATE grants.tranches
SET status = $2, paid_on = NULLIF($3, '')::date, status_note = NULLIF($4, ''),
    status_changed_at = now(), version = version + 1, updated_at = now()
WHERE id = $1::uuid AND status = 'planned'
RETURNING {{tranches_columns}}
