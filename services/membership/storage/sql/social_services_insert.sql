INSERT INTO membership.social_services AS s (organization_id, name, category, target_groups,
                                             municipalities, capacity, licensing_status,
                                             licence_number, licence_authority,
                                             licence_valid_until)
VALUES ($1::uuid, $2::jsonb, $3, $4::text[], $5::text[], $6::integer, $7, NULLIF($8, ''),
        NULLIF($9, ''), NULLIF($10, '')::date)
RETURNING s.id::text, s.organization_id::text, s.name::text, s.category, array_to_json(s.target_groups)::text, array_to_json(s.municipalities)::text, s.capacity, s.licensing_status, coalesce(s.licence_number, ''), coalesce(s.licence_authority, ''), coalesce(to_char(s.licence_valid_until, 'YYYY-MM-DD'), ''), s.version, (extract(epoch FROM s.created_at) * 1000000)::bigint, (extract(epoch FROM s.updated_at) * 1000000)::bigint
