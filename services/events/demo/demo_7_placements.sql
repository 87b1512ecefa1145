-- A placement on each demo programme (demo_6), of membership's demo organisations (country:
-- the organisation's): a trainee of Alfa Centar (Montenegro) hosted in Germany, and the
-- mentoring of Osmeh Vlasotince (Serbia) for licensing its day care service, with two logged
-- sessions (demo_8: session_count and total_minutes match).
INSERT INTO events.placements
  (id, programme_id, kind, organization_id, country, trainee_name, trainee_email,
   host_organization, starts_on, ends_on, mentor_name, mentor_email, topic, outcome,
   session_count, total_minutes, version, created_at, updated_at)
VALUES
  ('00000000-0000-4000-e400-000000000001', '00000000-0000-4000-e300-000000000001',
   'traineeship', '00000000-0000-4000-8000-000000000008', 'ME', 'Dejan Perović',
   'dejan.perovic@example.org', 'Arbeiter-Samariter-Bund, Landesverband Berlin (Germany)',
   '2020-02-03', '2020-03-13', '', '', '', '', 0, 0, 1, '2020-01-20T10:00:00+01:00',
   '2020-01-20T10:00:00+01:00'),
  ('00000000-0000-4000-e400-000000000002', '00000000-0000-4000-e300-000000000002',
   'mentoring', '00000000-0000-4000-8000-00000000000d', 'RS', '', '', '', NULL, NULL,
   'Milica Stojanović', 'milica.stojanovic@example.org',
   'service licensing: day care for children with disabilities',
   'The licensing file was completed and submitted to the ministry in March 2021.', 2, 210, 4,
   '2020-02-01T10:00:00+01:00', '2021-03-20T12:00:00+01:00')
ON CONFLICT (id) DO NOTHING
