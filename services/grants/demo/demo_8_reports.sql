-- Osmeh's interim report, accepted: the second tranche could then be paid.
INSERT INTO grants.reports
  (id, grant_id, kind, narrative, spent, status, status_note, status_changed_at, submitted_at,
   version, created_at, updated_at)
VALUES
  ('00000000-0000-4000-c600-000000000001', '00000000-0000-4000-c400-000000000001', 'interim',
   'The day care opened on 1 September with eighteen children; two care workers are employed and the therapy equipment is in use. Parents use the respite hours twice a week.',
   298000, 'accepted', 'Thank you: clear and complete.', '2022-01-14T11:00:00+01:00',
   '2022-01-10T16:00:00+01:00', 2, '2022-01-10T16:00:00+01:00', '2022-01-14T11:00:00+01:00')
ON CONFLICT (id) DO NOTHING
