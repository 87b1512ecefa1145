INSERT INTO membership.organizations (name, acronym, country, city, kind, target_groups, email,
                                      website, registration_number, description, address, phone,
                                      logo_url, status, status_changed_at, joined_at)
VALUES ($1, NULLIF($2, ''), $3, NULLIF($4, ''), $5, $6::text[], NULLIF($7, ''),
        NULLIF($8, ''), NULLIF($9, ''), $10::jsonb, NULLIF($11, ''), NULLIF($12, ''),
        NULLIF($13, ''), 'active', now(), (now() AT TIME ZONE 'UTC')::date)
RETURNING {{organizations_columns}}
