-- The columns every applications statement returns, named: the repository reads a row by these
-- names in one place. Included as {{applications_columns}} (cmake/iris_sql_embed.cmake).
id::text AS id, organization::text AS organization, country, contact_name, contact_email,
  motivation, status, coalesce(status_note, '') AS status_note,
  (extract(epoch FROM status_changed_at) * 1000000)::bigint AS status_changed_at_us,
  coalesce(organization_id::text, '') AS organization_id, version,
  (extract(epoch FROM created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_at_us
