-- Two registrations already on the upcoming training (demo_1), confirmed (open registration):
-- 2 of its 25 places taken, as the event row says, so the places shown are 23.
INSERT INTO events.registrations
  (id, event_id, person_name, person_email, organization_id, motivation, registered_by, status,
   status_changed_at, version, created_at, updated_at)
VALUES
  ('00000000-0000-4000-e200-000000000201', '00000000-0000-4000-e000-000000000004',
   'Marko Nikolić', 'marko.nikolic@example.org', '00000000-0000-4000-8000-00000000000c',
   'I train JRS staff and volunteers on the referral of asylum seekers.', 'demo', 'confirmed',
   now(), 1, now(), now()),
  ('00000000-0000-4000-e200-000000000202', '00000000-0000-4000-e000-000000000004',
   'Elira Hoxha', 'elira.hoxha@example.org', '00000000-0000-4000-8000-000000000005', '',
   'demo', 'confirmed', now(), 1, now(), now())
ON CONFLICT (id) DO NOTHING
