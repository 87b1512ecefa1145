-- What a certificate shows to anyone: the participant's name, the event's title and its first
-- and last local day (computed from these instants and the timezone). Nothing else.
SELECT r.certificate_code AS code, r.person_name AS participant_name, e.title::text AS event_title,
       e.timezone,
       (extract(epoch FROM e.starts_at) * 1000000)::bigint AS starts_at_us,
       (extract(epoch FROM e.ends_at) * 1000000)::bigint AS ends_at_us
FROM events.registrations r
JOIN events.events e ON e.id = r.event_id
WHERE r.certificate_code = $1
