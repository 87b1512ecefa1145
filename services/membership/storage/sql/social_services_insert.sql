INSERT INTO membership.social_services AS s (organization_id, name, category, target_groups,
                                             municipalities, capacity, licensing_status,
                                             licence_number, licence_authority,
                                             licence_valid_until)
VALUES ($1::uuid, $2::jsonb, $3, $4::text[], $5::text[], $6::integer, $7, NULLIF($8, ''),
        NULLIF($9, ''), NULLIF($10, '')::date)
RETURNING {{social_services_columns}}
