UPDATE membership.social_services AS s
SET name = $3::jsonb, category = $4, target_groups = $5::text[], municipalities = $6::text[],
    capacity = $7::integer, licensing_status = $8, licence_number = NULLIF($9, ''),
    licence_authority = NULLIF($10, ''), licence_valid_until = NULLIF($11, '')::date,
    version = s.version + 1, updated_at = now()
WHERE s.id = $1::uuid AND s.version = $2
RETURNING {{social_services_columns}}
