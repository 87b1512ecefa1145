-- An application's reviewers in the order they were assigned, and whether each has reviewed.
SELECT ra.application_id::text AS application_id, ra.reviewer_id::text AS reviewer_id,
  coalesce(ra.reviewer_name, '') AS reviewer_name,
  (extract(epoch FROM ra.assigned_at) * 1000000)::bigint AS assigned_at_us,
  EXISTS (SELECT 1 FROM grants.reviews r
          WHERE r.application_id = ra.application_id AND r.reviewer_id = ra.reviewer_id)
    AS reviewed
FROM grants.reviewer_assignments ra
WHERE ra.application_id = $1::uuid
ORDER BY ra.assigned_at, ra.reviewer_id
