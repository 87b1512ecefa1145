-- Keyset page on (created_at, id) of the applications the caller sees ($1: all; else $2's
-- country); the first page passes (-infinity, nil uuid). Fetches limit + 1.
SELECT id::text, organization::text, country, contact_name, contact_email, motivation, status, coalesce(status_note, ''), (extract(epoch FROM status_changed_at) * 1000000)::bigint, coalesce(organization_id::text, ''), version, (extract(epoch FROM created_at) * 1000000)::bigint, (extract(epoch FROM updated_at) * 1000000)::bigint
FROM membership.membership_applications
WHERE ($1::bool OR country = $2)
  AND ($3::text IS NULL OR status = $3)
  AND ($4::text IS NULL OR country = $4)
  AND (created_at, id) > ($5::timestamptz, $6::uuid)
ORDER BY membership_applications.created_at, membership_applications.id
LIMIT $7
