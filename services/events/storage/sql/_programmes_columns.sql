-- The columns every programmes statement returns, named: the repository reads a row by these
-- names in one place. Included as {{programmes_columns}}.
id::text AS id, kind, name::text AS name, description::text AS description,
  to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on,
  placements, version,
  (extract(epoch FROM created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_at_us
