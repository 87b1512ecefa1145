-- The columns every social services statement returns, named: the repository reads a row by these
-- names in one place. Included as {{social_services_columns}} (cmake/iris_sql_embed.cmake).
s.id::text AS id, s.organization_id::text AS organization_id, s.name::text AS name,
  -- A list shows whose service it is without a call per row (issue 12).
  (SELECT o_name.name FROM membership.organizations o_name
   WHERE o_name.id = s.organization_id) AS organization_name,
  s.category, array_to_json(s.target_groups)::text AS target_groups,
  array_to_json(s.municipalities)::text AS municipalities, s.capacity, s.licensing_status,
  coalesce(s.licence_number, '') AS licence_number,
  coalesce(s.licence_authority, '') AS licence_authority,
  coalesce(to_char(s.licence_valid_until, 'YYYY-MM-DD'), '') AS licence_valid_until, s.version,
  (extract(epoch FROM s.created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM s.updated_at) * 1000000)::bigint AS updated_at_us
