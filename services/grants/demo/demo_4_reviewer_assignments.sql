-- Reviewers assigned to the 2021 demo call's applications. The reviewer ids are fixed demo ids
-- (membership has no demo accounts): their names say who they stand for.
INSERT INTO grants.reviewer_assignments (application_id, reviewer_id, reviewer_name, assigned_at)
VALUES
  ('00000000-0000-4000-c200-000000000001', '00000000-0000-4000-c100-000000000001',
   'Demo reviewer A', '2021-04-20T09:00:00+02:00'),
  ('00000000-0000-4000-c200-000000000001', '00000000-0000-4000-c100-000000000002',
   'Demo reviewer B', '2021-04-20T09:00:00+02:00'),
  ('00000000-0000-4000-c200-000000000002', '00000000-0000-4000-c100-000000000002',
   'Demo reviewer B', '2021-04-20T09:05:00+02:00'),
  ('00000000-0000-4000-c200-000000000003', '00000000-0000-4000-c100-000000000001',
   'Demo reviewer A', '2021-04-20T09:10:00+02:00'),
  ('00000000-0000-4000-c200-000000000004', '00000000-0000-4000-c100-000000000001',
   'Demo reviewer A', '2021-04-20T09:15:00+02:00'),
  ('00000000-0000-4000-c200-000000000005', '00000000-0000-4000-c100-000000000002',
   'Demo reviewer B', '2021-04-20T09:20:00+02:00')
ON CONFLICT (application_id, reviewer_id) DO NOTHING
