-- Demo contact persons (invented names, example.org addresses) of demo organisations.
INSERT INTO membership.people
  (id, organization_id, name, email, phone, role, languages, consent_directory,
   consent_newsletter, consent_given_at)
VALUES
  ('00000000-0000-4000-a000-000000000001', '00000000-0000-4000-8000-00000000000d',
   'Jelena Petrović', 'jelena.petrovic@example.org', '+381 16 000 001', 'Director',
   '{sr-Latn,en}', true, true, '2024-01-10T09:00:00Z'),
  ('00000000-0000-4000-a000-000000000002', '00000000-0000-4000-8000-00000000000c',
   'Marko Nikolić', 'marko.nikolic@example.org', NULL, 'Programme coordinator',
   '{sr-Latn,en}', true, false, '2024-02-01T10:00:00Z'),
  ('00000000-0000-4000-a000-000000000003', '00000000-0000-4000-8000-00000000000b',
   'Ana Vuković', 'ana.vukovic@example.org', '+382 20 000 003', 'Executive director',
   '{cnr,en}', false, false, NULL),
  ('00000000-0000-4000-a000-000000000004', '00000000-0000-4000-8000-000000000005',
   'Elira Hoxha', 'elira.hoxha@example.org', NULL, 'Project manager', '{sq,en}', true, true,
   '2024-03-05T08:30:00Z'),
  ('00000000-0000-4000-a000-000000000005', '00000000-0000-4000-8000-000000000004',
   'Стефан Трајковски', 'stefan.trajkovski@example.org', NULL, 'Licensing officer',
   '{mk,en}', true, false, '2024-04-12T12:00:00Z')
ON CONFLICT (id) DO NOTHING
