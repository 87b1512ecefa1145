-- The columns every registrations statement returns, named: the repository reads a row by these
-- names in one place. Included as {{registrations_columns}}.
id::text AS id, event_id::text AS event_id, person_name, person_email,
  coalesce(organization_id::text, '') AS organization_id, motivation, status,
  coalesce(status_note, '') AS status_note,
  (extract(epoch FROM status_changed_at) * 1000000)::bigint AS status_changed_at_us,
  array_to_json(attended_days)::text AS attended_days,
  coalesce(certificate_code, '') AS certificate_code, version,
  (extract(epoch FROM created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_at_us
