INSERT INTO grants.reviewer_assignments (application_id, reviewer_id, reviewer_name)
VALUES ($1::uuid, $2::uuid, NULLIF($3, ''))
RETURNING application_id::text AS application_id, reviewer_id::text AS reviewer_id,
  coalesce(reviewer_name, '') AS reviewer_name,
  (extract(epoch FROM assigned_at) * 1000000)::bigint AS assigned_at_us, false AS reviewed
