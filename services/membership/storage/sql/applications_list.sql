-- Keyset page on (created_at, id) of the applications the caller sees ($1: all; else $2's
-- country); the first page passes (-infinity, nil uuid). Fetches limit + 1.
SELECT {{applications_columns}}
FROM membership.membership_applications
WHERE ($1::bool OR country = $2)
  AND ($3::text IS NULL OR status = $3)
  AND ($4::text IS NULL OR country = $4)
  AND (created_at, id) > ($5::timestamptz, $6::uuid)
ORDER BY membership_applications.created_at, membership_applications.id
LIMIT $7
