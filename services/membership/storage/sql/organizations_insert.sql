INSERT INTO membership.organizations (name, acronym, country, city, kind, target_groups, email,
                                      website, registration_number, status, status_changed_at,
                                      joined_at)
VALUES ($1, NULLIF($2, ''), $3, NULLIF($4, ''), $5, $6::text[], NULLIF($7, ''),
        NULLIF($8, ''), NULLIF($9, ''), 'active', now(), (now() AT TIME ZONE 'UTC')::date)
RETURNING id::text, name, coalesce(acronym, ''), country, coalesce(city, ''), kind, array_to_json(target_groups)::text, coalesce(email, ''), coalesce(website, ''), coalesce(registration_number, ''), status, coalesce(status_note, ''), (extract(epoch FROM status_changed_at) * 1000000)::bigint, coalesce(to_char(joined_at, 'YYYY-MM-DD'), ''), version, (extract(epoch FROM created_at) * 1000000)::bigint, (extract(epoch FROM updated_at) * 1000000)::bigint
