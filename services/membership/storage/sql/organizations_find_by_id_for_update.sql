SELECT id::text, name, coalesce(acronym, ''), country, coalesce(city, ''), kind, array_to_json(target_groups)::text, coalesce(email, ''), coalesce(website, ''), coalesce(registration_number, ''), status, coalesce(status_note, ''), (extract(epoch FROM status_changed_at) * 1000000)::bigint, coalesce(to_char(joined_at, 'YYYY-MM-DD'), ''), version, (extract(epoch FROM created_at) * 1000000)::bigint, (extract(epoch FROM updated_at) * 1000000)::bigint
FROM membership.organizations WHERE id = $1::uuid
FOR UPDATE
