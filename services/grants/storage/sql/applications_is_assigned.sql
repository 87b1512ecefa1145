-- Whether the reviewer $2 is assigned to the application $1.
SELECT EXISTS (SELECT 1 FROM grants.reviewer_assignments
               WHERE application_id = $1::uuid AND reviewer_id = $2::uuid) AS assigned
