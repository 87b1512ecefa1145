-- Demo programmes drawn from the seeds (001: "EU based traineeships", "Mentoring programme";
-- 000: "the internship programme, mentoring for service licensing"), in the period of the
-- IRIS NETWORKing project (001: December 2017 - April 2021). One placement each (demo_7), as
-- `placements` says.
INSERT INTO events.programmes
  (id, kind, name, description, starts_on, ends_on, placements, version, created_at, updated_at)
VALUES
  ('00000000-0000-4000-e300-000000000001', 'traineeship',
   '{"en": "EU-based traineeships 2019-2021", "sr-Latn": "Stručne prakse u EU 2019-2021"}',
   '{"en": "Staff of member organisations spend several weeks with a social service provider in the European Union and bring practice home."}',
   '2019-09-01', '2021-04-30', 1, 2, '2019-07-01T10:00:00+02:00', '2020-01-20T10:00:00+01:00'),
  ('00000000-0000-4000-e300-000000000002', 'mentoring',
   '{"en": "Mentoring for the licensing of social services", "sr-Latn": "Mentorska podrška za licenciranje usluga socijalne zaštite"}',
   '{"en": "Mentors guide member organisations through the procedures and standards for licensing their social services."}',
   '2020-01-15', '2021-04-30', 1, 2, '2019-12-10T10:00:00+01:00', '2020-02-01T10:00:00+01:00')
ON CONFLICT (id) DO NOTHING
