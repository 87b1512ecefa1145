-- Demo grant calls drawn from the seeds (DOMAIN.md: 2019-2021, grants of up to EUR 8,000 in the
-- network's countries), loaded by `iris-grants --load-demo` (scripts/run.sh unless IRIS_DEMO=0):
-- the Small Grants call of 2021, closed and under review with two grants awarded, and an open
-- call of the current year for trying the flow. Fixed ids and ON CONFLICT make it idempotent;
-- tests never rely on these rows. The call's `awarded` and `grant_count` match demo_6_grants.
INSERT INTO grants.calls
  (id, title, description, opens_at, closes_at, timezone, currency, budget, max_award,
   eligible_countries, criteria, status, status_changed_at, awarded, grant_count, version,
   created_at, updated_at)
VALUES
  ('00000000-0000-4000-c000-000000000001',
   '{"en": "Small Grants Scheme 2021", "sr-Latn": "Program malih grantova 2021"}',
   '{"en": "Grants of up to EUR 8,000 for member organisations improving social services for vulnerable groups in their communities.", "sr-Latn": "Grantovi do 8.000 EUR za organizacije članice koje unapređuju socijalne usluge za ranjive grupe u svojim zajednicama."}',
   '2021-03-01T00:00:00+01:00', '2021-04-16T00:00:00+02:00', 'Europe/Belgrade', 'EUR',
   12000000, 800000, '{AL,BA,HR,XK,ME,MK,RS}',
   '[{"key": "relevance", "name": {"en": "Relevance to the needs of the target group"}, "weight": 40},
     {"key": "feasibility", "name": {"en": "Feasibility and budget"}, "weight": 30},
     {"key": "sustainability", "name": {"en": "Sustainability of results"}, "weight": 30}]',
   'closed', '2021-04-16T00:00:00+02:00', 1200000, 2, 4,
   '2021-02-10T09:00:00+01:00', '2021-06-20T12:00:00+02:00'),
  ('00000000-0000-4000-c000-000000000002',
   jsonb_build_object('en', 'Small Grants Scheme ' ||
                      extract(year FROM now() AT TIME ZONE 'Europe/Belgrade')::int),
   '{"en": "Open for trying the flow: apply as a member organisation, review, award."}',
   date_trunc('day', now() AT TIME ZONE 'Europe/Belgrade') AT TIME ZONE 'Europe/Belgrade',
   (date_trunc('day', now() AT TIME ZONE 'Europe/Belgrade') + interval '61 days')
     AT TIME ZONE 'Europe/Belgrade',
   'Europe/Belgrade', 'EUR', 10000000, 800000, '{AL,BA,HR,XK,ME,MK,RS}',
   '[{"key": "relevance", "name": {"en": "Relevance to the needs of the target group"}, "weight": 40},
     {"key": "feasibility", "name": {"en": "Feasibility and budget"}, "weight": 30},
     {"key": "sustainability", "name": {"en": "Sustainability of results"}, "weight": 30}]',
   'open', date_trunc('day', now() AT TIME ZONE 'Europe/Belgrade') AT TIME ZONE 'Europe/Belgrade',
   0, 0, 2, now(), now())
ON CONFLICT (id) DO NOTHING
