-- $5: the review's weighted mean in hundredths (735 -> 7.35).
INSERT INTO grants.reviews (application_id, reviewer_id, scores, comment, score)
VALUES ($1::uuid, $2::uuid, $3::jsonb, $4, $5::numeric / 100)
RETURNING {{reviews_columns}}
