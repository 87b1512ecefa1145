-- Osmeh's grant in three tranches (their sum is its `planned`; the paid ones its `paid`): the
-- first paid at signature, the second paid after the accepted interim report, the last due
-- after the final report.
INSERT INTO grants.tranches
  (id, grant_id, amount, due_on, requires_report, status, paid_on, status_changed_at, version,
   created_at, updated_at)
VALUES
  ('00000000-0000-4000-c500-000000000001', '00000000-0000-4000-c400-000000000001', 260000,
   '2021-07-15', NULL, 'paid', '2021-07-12', '2021-07-12T10:00:00+02:00', 2,
   '2021-06-20T12:00:00+02:00', '2021-07-12T10:00:00+02:00'),
  ('00000000-0000-4000-c500-000000000002', '00000000-0000-4000-c400-000000000001', 260000,
   '2022-01-31', 'interim', 'paid', '2022-01-20', '2022-01-20T12:00:00+01:00', 2,
   '2021-06-20T12:00:00+02:00', '2022-01-20T12:00:00+01:00'),
  ('00000000-0000-4000-c500-000000000003', '00000000-0000-4000-c400-000000000001', 130000,
   '2022-07-31', 'final', 'planned', NULL, NULL, 1,
   '2021-06-20T12:00:00+02:00', '2021-06-20T12:00:00+02:00')
ON CONFLICT (id) DO NOTHING
