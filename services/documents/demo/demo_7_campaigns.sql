-- The #socialservicesforall campaign (seed 004: "Social services for All campaign is
-- starting!"): the overarching regional campaign of the IRIS Network, and the national ones
-- "each partner organization - IDC Serbia and ASB South East Europe, SOS Podgorica
-- (Montenegro), LIR CD (Bosnia and Herzegovina), Open Gate: La Strada Macedonia (North
-- Macedonia) and Nisma për Ndryshim Shoqëror, ARSIS (Albania) - will conduct". The key messages
-- are the seed's: the needs of social services beneficiaries and migration-related policies,
-- the importance of the social services of civil society organisations and their impact on
-- the most vulnerable, more inclusive policies. It started before the Public Hearing of 17 June
-- 2021 (events' demo), where it was discussed: that hearing is linked to the regional and the
-- Serbian campaign. Linked documents: demo_8 ("Shadow Reports ... as well as the Gap
-- Assessment ... will serve as a baseline for the online advocacy campaign"). Organisation ids
-- are membership's demo_organizations.sql, event ids events' demo_1_events.sql.
INSERT INTO documents.campaigns
  (id, name, hashtag, scope, country, starts_on, ends_on, lead_organization_id, key_messages,
   event_ids, version, created_at, updated_at)
VALUES
  ('00000000-0000-4000-d200-000000000001',
   '{"en": "Social services for All", "sr-Latn": "Socijalne usluge za sve", "sr-Cyrl": "Социјалне услуге за све"}',
   '#socialservicesforall', 'regional', '', '2021-06-01', '2021-12-31',
   '00000000-0000-4000-8000-000000000001',
   '[{"en": "Social services provided by civil society organisations reach the beneficiaries from the most vulnerable categories: they matter to the whole region."},
     {"en": "The needs of social services beneficiaries and migration-related policies in the Western Balkans deserve the attention of every government."},
     {"en": "Partners who initiated significant changes in their communities show the way to more inclusive policies."},
     {"en": "One joint voice: IRIS Network members and partners across the region, in unison."}]',
   '{00000000-0000-4000-e000-000000000003}', 1, '2021-05-25T10:00:00+02:00',
   '2021-05-25T10:00:00+02:00'),
  ('00000000-0000-4000-d200-000000000002',
   '{"en": "Social services for All: Serbia", "sr-Latn": "Socijalne usluge za sve: Srbija", "sr-Cyrl": "Социјалне услуге за све: Србија"}',
   '#socialservicesforall', 'national', 'RS', '2021-06-01', '2021-12-31',
   '00000000-0000-4000-8000-000000000001',
   '[{"en": "Social services of civil society organisations in Serbia reach migrants and the most vulnerable.", "sr-Latn": "Socijalne usluge organizacija civilnog društva u Srbiji dopiru do migranata i najranjivijih.", "sr-Cyrl": "Социјалне услуге организација цивилног друштва у Србији допиру до миграната и најрањивијих."},
     {"en": "Chapter 24: migration policies that protect people.", "sr-Latn": "Poglavlje 24: migracione politike koje štite ljude.", "sr-Cyrl": "Поглавље 24: миграционе политике које штите људе."}]',
   '{00000000-0000-4000-e000-000000000003}', 1, '2021-05-25T10:00:00+02:00',
   '2021-05-25T10:00:00+02:00'),
  ('00000000-0000-4000-d200-000000000003',
   '{"en": "Social services for All: Montenegro", "cnr": "Socijalne usluge za sve: Crna Gora"}',
   '#socialservicesforall', 'national', 'ME', '2021-06-01', '2021-12-31',
   '00000000-0000-4000-8000-000000000007',
   '[{"en": "Social services of civil society organisations in Montenegro reach the most vulnerable.", "cnr": "Socijalne usluge organizacija civilnog društva u Crnoj Gori dopiru do najranjivijih."}]',
   '{}', 1, '2021-05-25T10:00:00+02:00', '2021-05-25T10:00:00+02:00'),
  ('00000000-0000-4000-d200-000000000004',
   '{"en": "Social services for All: Bosnia and Herzegovina", "bs": "Socijalne usluge za sve: Bosna i Hercegovina"}',
   '#socialservicesforall', 'national', 'BA', '2021-06-01', '2021-12-31',
   '00000000-0000-4000-8000-000000000003',
   '[{"en": "Social services of civil society organisations in Bosnia and Herzegovina reach the most vulnerable.", "bs": "Socijalne usluge organizacija civilnog društva u Bosni i Hercegovini dopiru do najranjivijih."}]',
   '{}', 1, '2021-05-25T10:00:00+02:00', '2021-05-25T10:00:00+02:00'),
  ('00000000-0000-4000-d200-000000000005',
   '{"en": "Social services for All: North Macedonia", "mk": "Социјални услуги за сите: Северна Македонија"}',
   '#socialservicesforall', 'national', 'MK', '2021-06-01', '2021-12-31',
   '00000000-0000-4000-8000-000000000004',
   '[{"en": "Social services of civil society organisations in North Macedonia reach the most vulnerable.", "mk": "Социјалните услуги на граѓанските организации во Северна Македонија допираат до најранливите."}]',
   '{}', 1, '2021-05-25T10:00:00+02:00', '2021-05-25T10:00:00+02:00'),
  ('00000000-0000-4000-d200-000000000006',
   '{"en": "Social services for All: Albania", "sq": "Shërbime sociale për të gjithë: Shqipëria"}',
   '#socialservicesforall', 'national', 'AL', '2021-06-01', '2021-12-31',
   '00000000-0000-4000-8000-000000000005',
   '[{"en": "Social services of civil society organisations in Albania reach the most vulnerable.", "sq": "Shërbimet sociale të organizatave të shoqërisë civile në Shqipëri arrijnë te më të prekshmit."}]',
   '{}', 1, '2021-05-25T10:00:00+02:00', '2021-05-25T10:00:00+02:00')
ON CONFLICT (id) DO NOTHING
