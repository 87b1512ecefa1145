-- The columns every events statement returns, named: the repository reads a row by these names
-- in one place. Included as {{events_columns}}.
events.id::text AS id, events.kind, events.title::text AS title,
  events.description::text AS description, events.edition, events.theme::text AS theme,
  events.format, events.venue, events.city, events.location_country, events.online_url,
  (extract(epoch FROM events.starts_at) * 1000000)::bigint AS starts_at_us,
  (extract(epoch FROM events.ends_at) * 1000000)::bigint AS ends_at_us,
  events.timezone, array_to_json(events.languages)::text AS languages,
  events.language_requirement::text AS language_requirement, events.capacity, events.audience,
  events.country, coalesce(events.host_organization_id::text, '') AS host_organization_id,
  array_to_json(events.partner_organization_ids)::text AS partner_organization_ids,
  events.registration_mode,
  (extract(epoch FROM events.registration_opens_at) * 1000000)::bigint AS registration_opens_at_us,
  (extract(epoch FROM events.registration_closes_at) * 1000000)::bigint AS registration_closes_at_us,
  events.certificate_threshold, events.status, coalesce(events.status_note, '') AS status_note,
  (extract(epoch FROM events.status_changed_at) * 1000000)::bigint AS status_changed_at_us,
  events.taken, events.waitlisted, events.submitted, events.version,
  (extract(epoch FROM events.created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM events.updated_at) * 1000000)::bigint AS updated_at_us
