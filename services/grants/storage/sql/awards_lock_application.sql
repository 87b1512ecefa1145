-- The application being awarded, locked after its call (always in that order).
SELECT id::text AS id, call_id::text AS call_id, status, requested,
       organization_id::text AS organization_id,
       coalesce(organization_name, '') AS organization_name, coalesce(country, '') AS country,
       project_title, version
FROM grants.applications
WHERE id = $1::uuid
FOR UPDATE
