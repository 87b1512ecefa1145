-- The columns every mentoring_sessions statement returns, named: the repository reads a row by
-- these names in one place. Included as {{mentoring_sessions_columns}}.
id::text AS id, placement_id::text AS placement_id,
  to_char(mentoring_sessions.date, 'YYYY-MM-DD') AS date, minutes, note,
  (extract(epoch FROM created_at) * 1000000)::bigint AS created_at_us
