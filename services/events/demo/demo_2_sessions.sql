-- Agenda sessions of the demo events (demo_1), inside their event's time, with speakers as
-- free text (ministries, UNICEF and IOM are not members). Titles follow the seeds (004: the
-- academy's theme, the peer review's case studies, the public hearing's programme); speakers'
-- names are invented.
INSERT INTO events.sessions
  (id, event_id, title, description, starts_at, ends_at, speakers, version, created_at,
   updated_at)
VALUES
  -- The IV Regional Social Academy, one session a day.
  ('00000000-0000-4000-e100-000000000001', '00000000-0000-4000-e000-000000000001',
   '{"en": "Independent living: rights, standards and where the region stands"}', '{}',
   '2021-10-20T09:00:00+02:00', '2021-10-20T12:30:00+02:00',
   '[{"name": "Milica Stojanović", "organization": "Inicijativa za razvoj i saradnju"},
     {"name": "Thomas Berger", "organization": "ASB South East Europe"}]',
   1, '2021-10-01T10:00:00+02:00', '2021-10-01T10:00:00+02:00'),
  ('00000000-0000-4000-e100-000000000002', '00000000-0000-4000-e000-000000000001',
   '{"en": "Deinstitutionalization in practice: community-based services in the Western Balkans"}',
   '{"en": "Case studies from member organisations moving people from institutions into supported living."}',
   '2021-10-21T09:00:00+02:00', '2021-10-21T12:30:00+02:00',
   '[{"name": "Dragana Kovač", "organization": "LIR Civil Society"},
     {"name": "Besnik Krasniqi", "organization": "Voice of Roma, Ashkali and Egyptians"}]',
   1, '2021-10-01T10:00:00+02:00', '2021-10-01T10:00:00+02:00'),
  ('00000000-0000-4000-e100-000000000003', '00000000-0000-4000-e000-000000000001',
   '{"en": "Are we there yet? Conclusions and recommendations"}', '{}',
   '2021-10-22T13:00:00+02:00', '2021-10-22T16:00:00+02:00',
   '[{"name": "Milica Stojanović", "organization": "Inicijativa za razvoj i saradnju"}]',
   1, '2021-10-01T10:00:00+02:00', '2021-10-01T10:00:00+02:00'),
  -- The Peer Review hosted by Defendology.
  ('00000000-0000-4000-e100-000000000004', '00000000-0000-4000-e000-000000000002',
   '{"en": "Innovative case studies: financial sustainability and cooperation at the local level"}',
   '{"en": "Presenting organisations from Bosnia and Herzegovina, North Macedonia and Serbia."}',
   '2021-07-07T10:00:00+02:00', '2021-07-07T12:30:00+02:00',
   '[{"name": "Ana Vuković", "organization": "Defendology"},
     {"name": "Jelena Petrović", "organization": "Udruženje Osmeh Vlasotince"},
     {"name": "Стефан Трајковски", "organization": "Open Gate / La Strada Macedonia"}]',
   1, '2021-06-20T09:00:00+02:00', '2021-06-20T09:00:00+02:00'),
  ('00000000-0000-4000-e100-000000000005', '00000000-0000-4000-e000-000000000002',
   '{"en": "Responses to the COVID-19 crisis: an exchange among members"}', '{}',
   '2021-07-07T13:00:00+02:00', '2021-07-07T15:00:00+02:00',
   '[{"name": "Ana Vuković", "organization": "Defendology"}]',
   1, '2021-06-20T09:00:00+02:00', '2021-06-20T09:00:00+02:00'),
  -- The Belgrade Public Hearing.
  ('00000000-0000-4000-e100-000000000006', '00000000-0000-4000-e000-000000000003',
   '{"en": "Shadow Report for Chapter 24 for Serbia: migration"}', '{}',
   '2021-06-17T10:00:00+02:00', '2021-06-17T11:00:00+02:00',
   '[{"name": "Milica Stojanović", "organization": "Inicijativa za razvoj i saradnju"},
     {"name": "Nenad Ilić", "organization": "Commissariat for Refugees and Migration of the Republic of Serbia"},
     {"name": "Vesna Đorđević", "organization": "Ministry of European Integration"}]',
   1, '2021-06-01T09:00:00+02:00', '2021-06-01T09:00:00+02:00'),
  ('00000000-0000-4000-e100-000000000007', '00000000-0000-4000-e000-000000000003',
   '{"en": "Social services for All: the regional advocacy campaign and the needs of social services"}',
   '{"en": "LIR CD presents the regional document on improving social services and migration management in the Western Balkans."}',
   '2021-06-17T11:00:00+02:00', '2021-06-17T12:15:00+02:00',
   '[{"name": "Dragana Kovač", "organization": "LIR Civil Society"},
     {"name": "Zoran Milošević", "organization": "Ministry of Labour, Employment, Veteran and Social Policy"},
     {"name": "Ivana Lazić", "organization": "Ministry of Education"},
     {"name": "Sara Hadžić", "organization": "UNICEF Serbia"},
     {"name": "Luka Perić", "organization": "International Organization for Migration"}]',
   1, '2021-06-01T09:00:00+02:00', '2021-06-01T09:00:00+02:00'),
  ('00000000-0000-4000-e100-000000000008', '00000000-0000-4000-e000-000000000003',
   '{"en": "Innovation during the pandemic: JRS Serbia and Osmeh Vlasotince"}', '{}',
   '2021-06-17T12:15:00+02:00', '2021-06-17T13:30:00+02:00',
   '[{"name": "Marko Nikolić", "organization": "Jesuit Refugee Service Serbia"},
     {"name": "Jelena Petrović", "organization": "Udruženje Osmeh Vlasotince"}]',
   1, '2021-06-01T09:00:00+02:00', '2021-06-01T09:00:00+02:00'),
  -- The upcoming training: its first day's morning.
  ('00000000-0000-4000-e100-000000000009', '00000000-0000-4000-e000-000000000004',
   '{"en": "Referral of migrants to social and legal services"}', '{}',
   (date_trunc('day', now() AT TIME ZONE 'Europe/Belgrade') + interval '42 days 9 hours')
     AT TIME ZONE 'Europe/Belgrade',
   (date_trunc('day', now() AT TIME ZONE 'Europe/Belgrade') + interval '42 days 12 hours')
     AT TIME ZONE 'Europe/Belgrade',
   '[{"name": "Dragana Kovač", "organization": "LIR Civil Society"}]', 1, now(), now())
ON CONFLICT (id) DO NOTHING
