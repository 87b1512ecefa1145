-- Demo events drawn from the seeds (DOMAIN.md events; issue 17), loaded by
-- `iris-events --load-demo` (scripts/run.sh unless IRIS_DEMO=0): the IV Regional Social Academy
-- with its call for participants, the online Peer Review of 7 July 2021 hosted by Defendology,
-- the Belgrade Public Hearing over Zoom, all completed, and an upcoming published training with
-- open registration for trying the flow. Fixed ids and ON CONFLICT make it idempotent; tests
-- never rely on these rows. Organisation ids are membership's demo_organizations.sql. The
-- places (taken = selected + confirmed, waitlisted, submitted) match the registrations of
-- demo_3 to demo_5; times are local (Europe/Belgrade, summer time in July and October 2021).
INSERT INTO events.events
  (id, kind, title, description, edition, theme, format, venue, city, location_country,
   online_url, starts_at, ends_at, timezone, languages, language_requirement, capacity,
   audience, country, host_organization_id, partner_organization_ids, registration_mode,
   registration_opens_at, registration_closes_at, certificate_threshold, status,
   status_changed_at, taken, waitlisted, submitted, version, created_at, updated_at)
VALUES
  -- Seed 004: "IV REGIONAL SOCIAL ACADEMY 'Independent living and deinstitutionalization in
  -- West Balkan. Are we there yet?'", online from 20th to 22nd October 2021, "the call is open
  -- until 14th October 2021" (the end of that local day), "all participants must have a good
  -- command of the English language". Regional (country ''); IDC leads the network's project
  -- (seed 001), ASB co-organises the academies (seed 000). Three local days at the default
  -- threshold of 80 %: a certificate needs all three.
  ('00000000-0000-4000-e000-000000000001', 'academy',
   '{"en": "Independent living and deinstitutionalization in West Balkan. Are we there yet?", "sr-Latn": "Samostalni život i deinstitucionalizacija na Zapadnom Balkanu. Da li smo stigli?"}',
   '{"en": "The IV Regional Social Academy of the IRIS Network: three days of lectures, case studies and exchange on independent living, community-based services and the closing of large institutions in the Western Balkans."}',
   'IV', '{"en": "Independent living and deinstitutionalization"}', 'online', '', '', '',
   'https://academy.example.org/iris-iv', '2021-10-20T09:00:00+02:00',
   '2021-10-22T16:00:00+02:00', 'Europe/Belgrade', '{en}',
   '{"en": "Working language is English: all participants must have a good command of the English language."}',
   35, 'members', '', '00000000-0000-4000-8000-000000000001',
   '{00000000-0000-4000-8000-000000000002}', 'application', '2021-09-20T00:00:00+02:00',
   '2021-10-15T00:00:00+02:00', 80, 'completed', '2021-10-25T10:00:00+02:00', 7, 1, 0, 4,
   '2021-09-15T10:00:00+02:00', '2021-10-25T10:00:00+02:00'),
  -- Seed 004: "Regional IRIS Network Peer Review took place online on the 7th of July ... the
  -- IRIS Network member from Montenegro, Defendology, was hosting the event. Eight out of ten
  -- organizations featured in the Innovative Case Studies publication have presented their
  -- work"; "Over thirty participants from the IRIS network gathered for the Peer Review ... to
  -- discuss the biggest challenges in social protection and service provision triggered by
  -- COVID-19". Regional, as the seed says; the host is in Montenegro. One local day.
  ('00000000-0000-4000-e000-000000000002', 'peer_review',
   '{"en": "Regional IRIS Network Peer Review: innovative case studies", "cnr": "Regionalna razmjena iskustava IRIS mreže: inovativne studije slučaja"}',
   '{"en": "The final peer review of the IRIS NETWORKing project: member organisations featured in the Innovative Case Studies publication present their work and their responses to the COVID-19 crisis to their peers."}',
   '', '{"en": "Challenges in social protection and service provision triggered by COVID-19"}',
   'online', '', '', '', 'https://peer-review.example.org/iris-2021',
   '2021-07-07T10:00:00+02:00', '2021-07-07T15:00:00+02:00', 'Europe/Belgrade', '{en,sr-Latn}',
   '{}', 40, 'members', '', '00000000-0000-4000-8000-00000000000b',
   '{00000000-0000-4000-8000-000000000001,00000000-0000-4000-8000-000000000007}', 'open', NULL,
   NULL, 80, 'completed', '2021-07-09T12:00:00+02:00', 33, 0, 0, 3,
   '2021-06-10T09:00:00+02:00', '2021-07-09T12:00:00+02:00'),
  -- Seed 004: "Iris Network Public Hearing was held in Belgrade yesterday via the Zoom
  -- platform", with representatives of the Commissariat for Refugees and Migration, the
  -- ministries of labour and social policy, EU integration and education, UNICEF and the IOM.
  -- The seed gives no date: 17 June 2021 is a plausible one (after the start of the
  -- #socialservicesforall campaign and before the July peer review). Open to the public, no
  -- registrations recorded.
  ('00000000-0000-4000-e000-000000000003', 'public_hearing',
   '{"en": "IRIS Network Public Hearing: social services and migration in Serbia", "sr-Latn": "Javno slušanje IRIS mreže: socijalne usluge i migracije u Srbiji"}',
   '{"en": "The Shadow Report for Chapter 24 for Serbia, the regional Social services for All campaign, the needs for improving social services and migration management in the Western Balkans, and innovations of member organisations during the pandemic."}',
   '', '{"en": "Social services for All"}', 'online', '', 'Beograd', 'RS',
   'https://zoom.example.org/j/iris-public-hearing', '2021-06-17T10:00:00+02:00',
   '2021-06-17T13:30:00+02:00', 'Europe/Belgrade', '{sr-Latn,en}', '{}', NULL, 'public', 'RS',
   '00000000-0000-4000-8000-000000000001',
   '{00000000-0000-4000-8000-000000000003,00000000-0000-4000-8000-00000000000c,00000000-0000-4000-8000-00000000000d}',
   'open', NULL, NULL, 80, 'completed', '2021-06-18T09:00:00+02:00', 0, 0, 0, 3,
   '2021-05-31T09:00:00+02:00', '2021-06-18T09:00:00+02:00'),
  -- Upcoming, for trying the flow (seed 001: "ToT on migration management"): published, open
  -- registration from now until the end of the local day a week before it starts, two days
  -- six weeks from today in Sarajevo and online, open to the public (anonymous callers may
  -- register). Two places taken by demo_5.
  ('00000000-0000-4000-e000-000000000004', 'training_of_trainers',
   '{"en": "Training of trainers on migration management", "bs": "Obuka trenera o upravljanju migracijama"}',
   '{"en": "Two days for staff of member organisations who train others on protection sensitive migration management: referral of migrants to social and legal services, and quality standards."}',
   '', '{"en": "Protection sensitive migration management"}', 'hybrid', 'Hotel Europe', 'Sarajevo',
   'BA', 'https://training.example.org/iris-tot',
   (date_trunc('day', now() AT TIME ZONE 'Europe/Belgrade') + interval '42 days 9 hours')
     AT TIME ZONE 'Europe/Belgrade',
   (date_trunc('day', now() AT TIME ZONE 'Europe/Belgrade') + interval '43 days 17 hours')
     AT TIME ZONE 'Europe/Belgrade',
   'Europe/Belgrade', '{en,bs}', '{}', 25, 'public', '',
   '00000000-0000-4000-8000-000000000003', '{00000000-0000-4000-8000-000000000002}', 'open',
   NULL,
   (date_trunc('day', now() AT TIME ZONE 'Europe/Belgrade') + interval '36 days')
     AT TIME ZONE 'Europe/Belgrade',
   80, 'published', now(), 2, 0, 0, 2, now(), now())
ON CONFLICT (id) DO NOTHING
