-- Reviews with scores per criterion (0-10; weights relevance 40, feasibility 30,
-- sustainability 30): each score is the weighted mean, and each application's score in
-- demo_3_applications is the mean of its reviews' (ARSIS's review is still to come).
INSERT INTO grants.reviews
  (id, application_id, reviewer_id, scores, comment, score, created_at, updated_at)
VALUES
  ('00000000-0000-4000-c300-000000000001', '00000000-0000-4000-c200-000000000001',
   '00000000-0000-4000-c100-000000000001',
   '{"relevance": 9, "feasibility": 8, "sustainability": 7}',
   'Clear need, realistic staffing; the municipality''s support after the grant is promised.',
   8.10, '2021-05-03T10:00:00+02:00', '2021-05-03T10:00:00+02:00'),
  ('00000000-0000-4000-c300-000000000002', '00000000-0000-4000-c200-000000000001',
   '00000000-0000-4000-c100-000000000002',
   '{"relevance": 8, "feasibility": 8, "sustainability": 8}',
   'Well planned.', 8.00, '2021-05-05T15:00:00+02:00', '2021-05-05T15:00:00+02:00'),
  ('00000000-0000-4000-c300-000000000003', '00000000-0000-4000-c200-000000000002',
   '00000000-0000-4000-c100-000000000002',
   '{"relevance": 9, "feasibility": 7, "sustainability": 7}',
   'Strong community ties; the tutors need a plan for next year.', 7.80,
   '2021-05-06T11:00:00+02:00', '2021-05-06T11:00:00+02:00'),
  ('00000000-0000-4000-c300-000000000004', '00000000-0000-4000-c200-000000000003',
   '00000000-0000-4000-c100-000000000001',
   '{"relevance": 9, "feasibility": 6, "sustainability": 7}',
   'Relevant; the budget is at the limit of the call.', 7.50,
   '2021-05-07T09:30:00+02:00', '2021-05-07T09:30:00+02:00'),
  ('00000000-0000-4000-c300-000000000005', '00000000-0000-4000-c200-000000000005',
   '00000000-0000-4000-c100-000000000002',
   '{"relevance": 7, "feasibility": 5, "sustainability": 4}',
   'Useful, but nothing continues after the grant.', 5.50,
   '2021-05-08T14:00:00+02:00', '2021-05-08T14:00:00+02:00')
ON CONFLICT (id) DO NOTHING
