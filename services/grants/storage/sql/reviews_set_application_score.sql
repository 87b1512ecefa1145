-- The application's score ($2 hundredths; NULL: none) and review count, as a new version.
UPDATE grants.applications
SET score = $2::numeric / 100, review_count = $3, version = version + 1, updated_at = now()
WHERE id = $1::uuid
