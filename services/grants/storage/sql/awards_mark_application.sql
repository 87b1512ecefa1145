-- under_review -> awarded; no row when the application is no longer under review.
UPDATE grants.applications
SET status = 'awarded', status_note = NULL, status_changed_at = now(), version = version + 1,
    updated_at = now()
WHERE id = $1::uuid AND status = 'under_review'
RETURNING version
