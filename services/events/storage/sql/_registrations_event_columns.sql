-- What registrations need of their event: state, audience, window, places and what its local
-- days are counted from (values::LocalDays of starts_at, ends_at in its timezone). Included as
-- {{registrations_event_columns}}.
id::text AS id, status, country, audience, registration_mode, capacity, taken, waitlisted,
  submitted, timezone,
  (extract(epoch FROM starts_at) * 1000000)::bigint AS starts_at_us,
  (extract(epoch FROM ends_at) * 1000000)::bigint AS ends_at_us,
  (extract(epoch FROM registration_opens_at) * 1000000)::bigint AS opens_at_us,
  (extract(epoch FROM registration_closes_at) * 1000000)::bigint AS closes_at_us
