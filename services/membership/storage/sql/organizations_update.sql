UPDATE membership.organizations
SET name = $3, acronym = NULLIF($4, ''), country = $5, city = NULLIF($6, ''), kind = $7,
    target_groups = $8::text[], email = NULLIF($9, ''), website = NULLIF($10, ''),
    registration_number = NULLIF($11, ''), version = version + 1, updated_at = now()
WHERE id = $1::uuid AND version = $2
RETURNING id::text, name, coalesce(acronym, ''), country, coalesce(city, ''), kind, array_to_json(target_groups)::text, coalesce(email, ''), coalesce(website, ''), coalesce(registration_number, ''), status, coalesce(status_note, ''), (extract(epoch FROM status_changed_at) * 1000000)::bigint, coalesce(to_char(joined_at, 'YYYY-MM-DD'), ''), version, (extract(epoch FROM created_at) * 1000000)::bigint, (extract(epoch FROM updated_at) * 1000000)::bigint
