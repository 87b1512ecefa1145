-- The columns every awards statement returns about a grant, named: the repository reads a row
-- by these names in one place. Included as {{awards_columns}}.
id::text AS id, application_id::text AS application_id, call_id::text AS call_id,
  organization_id::text AS organization_id, organization_name, country, project_title,
  currency, amount, contract_number,
  to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on,
  (extract(epoch FROM awarded_at) * 1000000)::bigint AS awarded_at_us,
  planned, paid, version,
  (extract(epoch FROM created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_at_us
