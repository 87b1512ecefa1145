-- The mentoring sessions logged on the demo mentoring placement (demo_7): 2 sessions, 210
-- minutes in all, as the placement says.
INSERT INTO events.mentoring_sessions (id, placement_id, date, minutes, note, created_at)
VALUES
  ('00000000-0000-4000-e500-000000000001', '00000000-0000-4000-e400-000000000002',
   '2020-02-19', 120,
   'The licensing standards for day care: what the service already meets and what is missing.',
   '2020-02-19T15:00:00+01:00'),
  ('00000000-0000-4000-e500-000000000002', '00000000-0000-4000-e400-000000000002',
   '2021-03-10', 90, 'Review of the licensing file before submission.',
   '2021-03-10T14:00:00+01:00')
ON CONFLICT (id) DO NOTHING
