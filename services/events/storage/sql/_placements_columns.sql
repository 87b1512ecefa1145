-- The columns every placements statement returns, named: the repository reads a row by these
-- names in one place (its sessions: mentoring_sessions_list). Included as
-- {{placements_columns}}.
id::text AS id, programme_id::text AS programme_id, kind,
  organization_id::text AS organization_id, country, trainee_name, trainee_email,
  host_organization, coalesce(to_char(starts_on, 'YYYY-MM-DD'), '') AS starts_on,
  coalesce(to_char(ends_on, 'YYYY-MM-DD'), '') AS ends_on, mentor_name, mentor_email, topic,
  outcome, session_count, total_minutes, version,
  (extract(epoch FROM created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_at_us
