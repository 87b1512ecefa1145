UPDATE membership.social_services AS s
SET name = $3::jsonb, category = $4, target_groups = $5::text[], municipalities = $6::text[],
    capacity = $7::integer, licensing_status = $8, licence_number = NULLIF($9, ''),
    licence_authority = NULLIF($10, ''), licence_valid_until = NULLIF($11, '')::date,
    version = s.version + 1, updated_at = now()
WHERE s.id = $1::uuid AND s.version = $2
RETURNING s.id::text, s.organization_id::text, s.name::text, s.category, array_to_json(s.target_groups)::text, array_to_json(s.municipalities)::text, s.capacity, s.licensing_status, coalesce(s.licence_number, ''), coalesce(s.licence_authority, ''), coalesce(to_char(s.licence_valid_until, 'YYYY-MM-DD'), ''), s.version, (extract(epoch FROM s.created_at) * 1000000)::bigint, (extract(epoch FROM s.updated_at) * 1000000)::bigint
