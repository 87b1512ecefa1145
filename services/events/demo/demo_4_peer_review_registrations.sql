-- The Peer Review's participants (demo_1; seed 004: "Over thirty participants from the IRIS
-- network gathered for the Peer Review"): 33 people of member and partner organisations
-- registered (open registration, all confirmed: 33 places taken, as the event row says), 32
-- attended the day and were certified when the event was completed, one did not come. Names
-- are invented, except membership's demo_people.sql; certificate codes are fixed (derived from
-- the row number) so a second load changes nothing. registered_by 'demo': membership has no
-- demo accounts.
INSERT INTO events.registrations
  (id, event_id, person_name, person_email, organization_id, motivation, registered_by, status,
   status_changed_at, attended_days, certificate_code, version, created_at, updated_at)
SELECT ('00000000-0000-4000-e200-' || lpad((100 + p.n)::text, 12, '0'))::uuid,
       '00000000-0000-4000-e000-000000000002', p.name, p.email, p.organization_id::uuid, '',
       'demo', 'confirmed', '2021-06-15T09:00:00+02:00'::timestamptz + p.n * interval '17 minutes',
       CASE WHEN p.n = 16 THEN '{}'::date[] ELSE '{2021-07-07}'::date[] END,
       CASE WHEN p.n = 16 THEN NULL
            ELSE 'IRIS-' || upper(substr(md5('iris-demo-peer-review-' || p.n), 1, 16)) END,
       CASE WHEN p.n = 16 THEN 1 ELSE 3 END,  -- attended, then certified
       '2021-06-15T09:00:00+02:00'::timestamptz + p.n * interval '17 minutes',
       CASE WHEN p.n = 16 THEN '2021-06-15T09:00:00+02:00'::timestamptz + p.n * interval '17 minutes'
            ELSE '2021-07-07T15:10:00+02:00'::timestamptz END
FROM (VALUES
    (1, 'Ana Vuković', 'ana.vukovic@example.org', '00000000-0000-4000-8000-00000000000b'),
    (2, 'Petar Šćepanović', 'petar.scepanovic@example.org', '00000000-0000-4000-8000-00000000000b'),
    (3, 'Ivana Đukanović', 'ivana.djukanovic@example.org', '00000000-0000-4000-8000-00000000000b'),
    (4, 'Milica Stojanović', 'milica.stojanovic@example.org', '00000000-0000-4000-8000-000000000001'),
    (5, 'Nikola Babić', 'nikola.babic@example.org', '00000000-0000-4000-8000-000000000001'),
    (6, 'Thomas Berger', 'thomas.berger@example.org', '00000000-0000-4000-8000-000000000002'),
    (7, 'Amra Hodžić', 'amra.hodzic@example.org', '00000000-0000-4000-8000-000000000002'),
    (8, 'Dragana Kovač', 'dragana.kovac@example.org', '00000000-0000-4000-8000-000000000003'),
    (9, 'Nermina Begić', 'nermina.begic@example.org', '00000000-0000-4000-8000-000000000003'),
    (10, 'Saša Tomić', 'sasa.tomic@example.org', '00000000-0000-4000-8000-000000000003'),
    (11, 'Стефан Трајковски', 'stefan.trajkovski@example.org', '00000000-0000-4000-8000-000000000004'),
    (12, 'Марија Петровска', 'marija.petrovska@example.org', '00000000-0000-4000-8000-000000000004'),
    (13, 'Бојан Николовски', 'bojan.nikolovski@example.org', '00000000-0000-4000-8000-000000000004'),
    (14, 'Elira Hoxha', 'elira.hoxha@example.org', '00000000-0000-4000-8000-000000000005'),
    (15, 'Klodiana Shehu', 'klodiana.shehu@example.org', '00000000-0000-4000-8000-000000000005'),
    (16, 'Erion Dervishi', 'erion.dervishi@example.org', '00000000-0000-4000-8000-000000000006'),
    (17, 'Maja Vujović', 'maja.vujovic@example.org', '00000000-0000-4000-8000-000000000007'),
    (18, 'Tamara Bulatović', 'tamara.bulatovic@example.org', '00000000-0000-4000-8000-000000000007'),
    (19, 'Milena Radović', 'milena.radovic@example.org', '00000000-0000-4000-8000-000000000008'),
    (20, 'Dejan Perović', 'dejan.perovic@example.org', '00000000-0000-4000-8000-000000000008'),
    (21, 'Arben Gashi', 'arben.gashi@example.org', '00000000-0000-4000-8000-000000000009'),
    (22, 'Fatime Berisha', 'fatime.berisha@example.org', '00000000-0000-4000-8000-000000000009'),
    (23, 'Агрон Јашари', 'agron.jashari@example.org', '00000000-0000-4000-8000-00000000000a'),
    (24, 'Ајше Мемеди', 'ajshe.memedi@example.org', '00000000-0000-4000-8000-00000000000a'),
    (25, 'Marko Nikolić', 'marko.nikolic@example.org', '00000000-0000-4000-8000-00000000000c'),
    (26, 'Sofija Pavlović', 'sofija.pavlovic@example.org', '00000000-0000-4000-8000-00000000000c'),
    (27, 'Lazar Ristić', 'lazar.ristic@example.org', '00000000-0000-4000-8000-00000000000c'),
    (28, 'Jelena Petrović', 'jelena.petrovic@example.org', '00000000-0000-4000-8000-00000000000d'),
    (29, 'Miloš Stanković', 'milos.stankovic@example.org', '00000000-0000-4000-8000-00000000000d'),
    (30, 'Jovana Marić', 'jovana.maric@example.org', '00000000-0000-4000-8000-00000000000e'),
    (31, 'Vladimir Lukić', 'vladimir.lukic@example.org', '00000000-0000-4000-8000-00000000000e'),
    (32, 'Svetlana Jovanović', 'svetlana.jovanovic@example.org', '00000000-0000-4000-8000-00000000000f'),
    (33, 'Dženana Demirović', 'dzenana.demirovic@example.org', '00000000-0000-4000-8000-00000000000f')
  ) AS p (n, name, email, organization_id)
ON CONFLICT (id) DO NOTHING
