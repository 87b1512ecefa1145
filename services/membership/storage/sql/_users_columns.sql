-- The columns every users statement returns, named: the repository reads a row by these
-- names in one place. Included as {{users_columns}} (cmake/iris_sql_embed.cmake).
id, email, name, role, organization_id, country, version,
  disabled_at IS NOT NULL AS disabled, token_version,
  (extract(epoch FROM created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_at_us
