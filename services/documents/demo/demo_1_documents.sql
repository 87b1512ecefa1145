-- Demo documents drawn from the seeds (DOMAIN.md documents; issue 18), loaded by
-- `iris-documents --load-demo` (scripts/run.sh unless IRIS_DEMO=0): the Balkan Briefings of
-- September 2021 with their four annexes, the Chapter 24 shadow report for Serbia (two
-- published versions: a revision added a summary in Cyrillic), the Regional GAP Assessment
-- (one regional document: the integral version is the main file and each country's view an
-- annex, so `country=RS` finds it and the Serbian view is one file of it), the Small Grants
-- newsletter, the Innovative Case Studies, the Guide on referral of migrants; and, for
-- trying the workflow, the Regional Shadow Report in review and a draft strategy that only
-- its organisation and staff see. Fixed ids and ON CONFLICT make it idempotent; tests never
-- rely on these rows. Organisation ids are membership's demo_organizations.sql. Versions are
-- demo_2, files demo_3 to demo_5 (generated from demo/files by make_demo_sql.py), search
-- vectors demo_6, campaigns demo_7 and demo_8. Dates the seeds do not give are plausible ones
-- in the project's period (seed 001: December 2017 - April 2021) and before the events that
-- present them (services/events/demo/demo_1_events.sql). `version` counts the state changes
-- (created, submitted, published, a revision published).
INSERT INTO documents.documents
  (id, kind, title, summary, countries, topics, languages, organization_ids, authors, status,
   status_note, status_changed_at, published_at, latest_version, published_version, version,
   created_at, updated_at)
VALUES
  -- Seed 004: "Balkan briefings- September 2021", "ANNEX 1- References", "ANNEX 2-
  -- Questionnaires", "ANNEX 3- Questionnarie analysis", "ANNEX 4- List of relevant
  -- institutions"; developed under "IRIS NETWORKing - CSOs for protection sensitive migration
  -- management", whose partners (seed 001) are IDC, ASB, LIR CD, Open Gate - La Strada,
  -- ARSIS and SOS Podgorica in the five countries of the action.
  ('00000000-0000-4000-d000-000000000001', 'briefing',
   '{"en": "Balkan Briefings: quality standards in migration management in the Western Balkans (September 2021)", "sr-Latn": "Balkanski brifinzi: standardi kvaliteta u upravljanju migracijama na Zapadnom Balkanu (septembar 2021)"}',
   '{"en": "A regional perspective on quality standards in migration management: service standardization, licensing conditions for CSOs, missing services, support from local and national governments, links between social welfare and education, and the exchange of experience with countries that already license services. With four annexes: references, questionnaires, questionnaire analysis and a list of relevant institutions."}',
   '{AL,BA,ME,MK,RS}', '{quality-standards,migration,licensing,social-services}', '{en}',
   '{00000000-0000-4000-8000-000000000001,00000000-0000-4000-8000-000000000002,00000000-0000-4000-8000-000000000003,00000000-0000-4000-8000-000000000004,00000000-0000-4000-8000-000000000005,00000000-0000-4000-8000-000000000007}',
   '{IRIS Network}', 'published', NULL, '2021-09-30T12:00:00+02:00',
   '2021-09-30T12:00:00+02:00', 1, 1, 3, '2021-09-01T10:00:00+02:00',
   '2021-09-30T12:00:00+02:00'),
  -- Seed 004: "Shadow Report for Chapter 24 for Serbia, focusing on migration in particular,
  -- prepared within the Iris project was presented" at the Public Hearing in Belgrade (events'
  -- demo: 17 June 2021); seed 000: "Shadow reports are central to evidence-based policy
  -- advocacy". Published before the hearing; a second version after it added a summary in
  -- Serbian Cyrillic (the Latin title and the Cyrillic summary make search in either script
  -- find it).
  ('00000000-0000-4000-d000-000000000002', 'shadow_report',
   '{"en": "Shadow Report for Chapter 24: Serbia, focus on migration", "sr-Latn": "Izveštaj iz senke za Poglavlje 24: Srbija, fokus na migracije", "sr-Cyrl": "Извештај из сенке за Поглавље 24: Србија, фокус на миграције"}',
   '{"en": "Chapter 24 (Justice, freedom and security) of Serbia''s EU accession negotiations seen by civil society, with a focus on migration; presented at the IRIS Network Public Hearing in Belgrade and a baseline of the Social services for All campaign.", "sr-Latn": "Poglavlje 24 (pravda, sloboda i bezbednost) iz ugla civilnog društva, sa fokusom na migracije."}',
   '{RS}', '{chapter-24,migration,eu-accession,advocacy}', '{en,sr-Latn,sr-Cyrl}',
   '{00000000-0000-4000-8000-000000000001}', '{Inicijativa za razvoj i saradnju (IDC)}',
   'published', 'Summary in Serbian (Cyrillic) added', '2021-06-25T11:00:00+02:00',
   '2021-06-10T12:00:00+02:00', 2, 2, 4, '2021-05-20T09:00:00+02:00',
   '2021-06-25T11:00:00+02:00'),
  -- Seed 004: "The Regional GAP Assessment on the current situation in service provision for
  -- migrants and the future desirable state ... in Albania, Bosnia, and Herzegovina, North
  -- Macedonia, Montenegro, and Serbia"; "You may find the document in its integral version,
  -- or browse the data per country". LIR CD "presented a regional document on identifying
  -- needs for improving social services and migration management".
  ('00000000-0000-4000-d000-000000000003', 'assessment',
   '{"en": "Regional GAP Assessment: service provision for migrants in the Western Balkans", "sr-Latn": "Regionalna analiza nedostataka: usluge za migrante na Zapadnom Balkanu"}',
   '{"en": "The discrepancies between the current situation in service provision for migrants and the future desirable state in Albania, Bosnia and Herzegovina, North Macedonia, Montenegro and Serbia: existing services, beneficiary needs, quality and standardization, allocation of funds, and the tasks needed to close the gap. The integral version, and one file per country."}',
   '{AL,BA,ME,MK,RS}', '{gap-assessment,migration,social-services}', '{en}',
   '{00000000-0000-4000-8000-000000000003,00000000-0000-4000-8000-000000000001}',
   '{LIR CD,IRIS Network}', 'published', NULL, '2021-04-15T12:00:00+02:00',
   '2021-04-15T12:00:00+02:00', 1, 1, 3, '2021-03-01T09:00:00+01:00',
   '2021-04-15T12:00:00+02:00'),
  -- Seed 004: "Newsletter - Small grants of Iris Network 2019-2021": 39 small grants of up to
  -- 8000 EUR in five countries.
  ('00000000-0000-4000-d000-000000000004', 'newsletter',
   '{"en": "Newsletter: Small grants of Iris Network 2019-2021", "sr-Latn": "Bilten: Mali grantovi Iris mreže 2019-2021"}',
   '{"en": "In 2019-2021 the IRIS Network awarded 39 small grants of up to 8000 EUR to its members in Bosnia and Herzegovina, North Macedonia, Albania, Montenegro and Serbia, to improve their social services and local advocacy."}',
   '{AL,BA,ME,MK,RS}', '{small-grants,social-services}', '{en}',
   '{00000000-0000-4000-8000-000000000001}', '{IRIS Network}', 'published', NULL,
   '2021-05-14T12:00:00+02:00', '2021-05-14T12:00:00+02:00', 1, 1, 3,
   '2021-05-03T09:00:00+02:00', '2021-05-14T12:00:00+02:00'),
  -- Seed 004: "Innovative Case Studies brochures", promoted at the Peer Review of 7 July 2021
  -- hosted by Defendology, "one of the contributors to the Innovative Case Studies
  -- publication"; seed 002: "advertising of positive practices / innovative case studies".
  ('00000000-0000-4000-d000-000000000005', 'case_study',
   '{"en": "Innovative Case Studies: IRIS Network members during the pandemic", "cnr": "Inovativne studije slučaja: članice IRIS mreže tokom pandemije"}',
   '{"en": "Ten member organisations show how they adapted their services, their organisation and their work with beneficiaries to the conditions caused by the COVID-19 pandemic."}',
   '{AL,BA,ME,MK,RS}', '{innovation,covid-19,peer-review}', '{en}',
   '{00000000-0000-4000-8000-000000000001,00000000-0000-4000-8000-00000000000b}',
   '{IRIS Network,Defendology}', 'published', NULL, '2021-07-05T12:00:00+02:00',
   '2021-07-05T12:00:00+02:00', 1, 1, 3, '2021-06-15T09:00:00+02:00',
   '2021-07-05T12:00:00+02:00'),
  -- Seed 001, pillar 1: "Guide on referral system/social service delivery for migrants";
  -- seed 002: "Guide for social protection / referral services for migrants".
  ('00000000-0000-4000-d000-000000000006', 'guide',
   '{"en": "Guide on referral system and social service delivery for migrants", "sr-Latn": "Vodič za sistem upućivanja i pružanje socijalnih usluga migrantima"}',
   '{"en": "For CSOs and public institutions that provide social and legal services to migrants, refugees and asylum seekers: who does what in a referral, the steps, and the quality standards services should meet."}',
   '{AL,BA,ME,MK,RS}', '{referral,migration,social-services}', '{en}',
   '{00000000-0000-4000-8000-000000000001,00000000-0000-4000-8000-000000000002}',
   '{IRIS Network}', 'published', NULL, '2019-12-10T12:00:00+01:00',
   '2019-12-10T12:00:00+01:00', 1, 1, 3, '2019-11-04T09:00:00+01:00',
   '2019-12-10T12:00:00+01:00'),
  -- Seed 004: "Shadow Reports (Country Shadow Reports (CSR) and Regional Shadow Report (RSR)
  -- ...) will serve as a baseline for the online advocacy campaign". In review: members of
  -- IDC and staff see it, anonymous callers do not (NOT_FOUND), an admin may publish it.
  ('00000000-0000-4000-d000-000000000007', 'shadow_report',
   '{"en": "Regional Shadow Report 2021: social services and migration in the Western Balkans"}',
   '{"en": "The findings of the country shadow reports brought together for the region: the social services of civil society organisations, their impact on the most vulnerable, and migration-related policies."}',
   '{}', '{advocacy,migration,social-services}', '{en}',
   '{00000000-0000-4000-8000-000000000001}', '{IRIS Network}', 'in_review',
   'Ready for the network admin', '2021-05-25T15:00:00+02:00', NULL, 1, 0, 2,
   '2021-05-10T09:00:00+02:00', '2021-05-25T15:00:00+02:00'),
  -- Seed 003 (IRIS Progres, February 2023 - January 2026): "Zajedno ćemo raditi na razvoju
  -- strateških dokumenata mreže". A draft of IDC: its members and network admins see it.
  ('00000000-0000-4000-d000-000000000008', 'strategy',
   '{"sr-Latn": "Strategija razvoja IRIS mreže 2023-2026 (nacrt)", "en": "IRIS Network development strategy 2023-2026 (draft)"}',
   '{"sr-Latn": "Nacrt strateškog dokumenta mreže u okviru projekta IRIS Progres: jačanje kapaciteta pružalaca usluga u zajednici i učešće u javnim politikama."}',
   '{}', '{strategy}', '{sr-Latn}', '{00000000-0000-4000-8000-000000000001}',
   '{Inicijativa za razvoj i saradnju (IDC)}', 'draft', NULL, NULL, NULL, 1, 0, 1,
   '2023-02-15T10:00:00+01:00', '2023-02-15T10:00:00+01:00')
ON CONFLICT (id) DO NOTHING
