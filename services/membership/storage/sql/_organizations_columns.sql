-- The columns every organizations statement returns, named: the repository reads a row by these
-- names in one place. Included as {{organizations_columns}} (cmake/iris_sql_embed.cmake).
id::text AS id, name, coalesce(acronym, '') AS acronym, country,
  coalesce(city, '') AS city, kind, array_to_json(target_groups)::text AS target_groups,
  coalesce(email, '') AS email, coalesce(website, '') AS website,
  coalesce(registration_number, '') AS registration_number,
  description::text AS description, coalesce(address, '') AS address,
  coalesce(phone, '') AS phone, coalesce(logo_url, '') AS logo_url,
  -- The public profile's contact persons: those who consented to the directory, by name.
  (SELECT coalesce(json_agg(json_build_object('name', c.name, 'role', coalesce(c.role, ''),
                                              'email', coalesce(c.email, ''))
                            ORDER BY c.name, c.id), '[]')::text
   FROM (SELECT p.id, p.name, p.role, p.email FROM membership.people p
         WHERE p.organization_id = organizations.id AND p.consent_directory
         ORDER BY p.name, p.id LIMIT 20) c) AS contacts,
  status,
  coalesce(status_note, '') AS status_note,
  (extract(epoch FROM status_changed_at) * 1000000)::bigint AS status_changed_at_us,
  coalesce(to_char(joined_at, 'YYYY-MM-DD'), '') AS joined_at, version,
  (extract(epoch FROM created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_at_us
