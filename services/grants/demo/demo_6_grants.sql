-- The two grants of the 2021 demo call (EUR 6,500.00 to Osmeh, RS; EUR 5,500.00 to VoRAE, XK):
-- the call's `awarded` (EUR 12,000.00) and `grant_count`, the RS and XK allocations' `awarded`
-- and each grant's `planned` and `paid` match the rows of demo_1, demo_2 and demo_7.
INSERT INTO grants.grants
  (id, application_id, call_id, organization_id, organization_name, country, project_title,
   currency, amount, contract_number, starts_on, ends_on, awarded_at, planned, paid, version,
   created_at, updated_at)
VALUES
  ('00000000-0000-4000-c400-000000000001', '00000000-0000-4000-c200-000000000001',
   '00000000-0000-4000-c000-000000000001', '00000000-0000-4000-8000-00000000000d',
   'Udruženje Osmeh Vlasotince', 'RS', 'Day care for children with disabilities in Vlasotince',
   'EUR', 650000, 'SGS-2021-001', '2021-07-01', '2022-06-30', '2021-06-15T10:00:00+02:00',
   650000, 520000, 6, '2021-06-15T10:00:00+02:00', '2022-01-20T12:00:00+01:00'),
  ('00000000-0000-4000-c400-000000000002', '00000000-0000-4000-c200-000000000002',
   '00000000-0000-4000-c000-000000000001', '00000000-0000-4000-8000-000000000009',
   'Voice of Roma, Ashkali and Egyptians', 'XK',
   'Homework clubs for Roma, Ashkali and Egyptian children', 'EUR', 550000, 'SGS-2021-002',
   '2021-09-01', '2022-06-30', '2021-06-15T10:05:00+02:00', 0, 0, 1,
   '2021-06-15T10:05:00+02:00', '2021-06-15T10:05:00+02:00')
ON CONFLICT (id) DO NOTHING
