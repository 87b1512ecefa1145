-- $3 -> $2 with the note; a resubmission also moves submitted_at. No row when the report is no
-- longer in $3 (someone else acted first).
UPDATE grants.reports
SET status = $2, status_note = NULLIF($4, ''), status_changed_at = now(),
    submitted_at = CASE WHEN $2 = 'submitted' THEN now() ELSE submitted_at END,
    version = version + 1, updated_at = now()
WHERE id = $1::uuid AND status = $3
RETURNING {{reports_columns}}
