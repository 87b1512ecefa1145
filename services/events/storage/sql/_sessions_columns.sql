-- The columns every sessions statement returns. Included as {{sessions_columns}}.
sessions.id::text AS id, sessions.event_id::text AS event_id, sessions.title::text AS title,
  sessions.description::text AS description,
  (extract(epoch FROM sessions.starts_at) * 1000000)::bigint AS starts_at_us,
  (extract(epoch FROM sessions.ends_at) * 1000000)::bigint AS ends_at_us,
  sessions.speakers::text AS speakers, sessions.version,
  (extract(epoch FROM sessions.created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM sessions.updated_at) * 1000000)::bigint AS updated_at_us
