SELECT s.id::text, s.organization_id::text, s.name::text, s.category, array_to_json(s.target_groups)::text, array_to_json(s.municipalities)::text, s.capacity, s.licensing_status, coalesce(s.licence_number, ''), coalesce(s.licence_authority, ''), coalesce(to_char(s.licence_valid_until, 'YYYY-MM-DD'), ''), s.version, (extract(epoch FROM s.created_at) * 1000000)::bigint, (extract(epoch FROM s.updated_at) * 1000000)::bigint
FROM membership.social_services s WHERE s.id = $1::uuid
FOR UPDATE
