-- The columns every people statement returns, named: the repository reads a row by these
-- names in one place. Included as {{people_columns}} (cmake/iris_sql_embed.cmake).
id::text AS id, organization_id::text AS organization_id, name,
  coalesce(email, '') AS email, coalesce(phone, '') AS phone, coalesce(role, '') AS role,
  array_to_json(languages)::text AS languages, consent_directory, consent_newsletter,
  (extract(epoch FROM consent_given_at) * 1000000)::bigint AS consent_given_at_us, version,
  (extract(epoch FROM created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_at_us
