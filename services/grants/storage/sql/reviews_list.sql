-- An application's reviews in the order they were written; only reviewer $2's when not NULL.
SELECT {{reviews_columns}}
FROM grants.reviews
WHERE application_id = $1::uuid AND ($2::uuid IS NULL OR reviewer_id = $2::uuid)
ORDER BY created_at, id
