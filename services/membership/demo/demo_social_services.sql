-- Demo services offered by the demo members, in several licensing states (licensing support is
-- a core programme, so expiry matters). Loaded after demo_organizations.sql (files load in name
-- order); fixed ids and ON CONFLICT keep it idempotent.
INSERT INTO membership.social_services
  (id, organization_id, name, category, target_groups, municipalities, capacity,
   licensing_status, licence_number, licence_authority, licence_valid_until)
VALUES
  ('00000000-0000-4000-9000-000000000001', '00000000-0000-4000-8000-00000000000d',
   '{"en": "Day care for children with disabilities", "sr-Latn": "Dnevni boravak za decu sa smetnjama u razvoju", "sr-Cyrl": "Дневни боравак за децу са сметњама у развоју"}',
   'day_care', '{people_with_disabilities,children_and_youth_at_risk}', '{Vlasotince}', 25,
   'licensed', 'RS-SZ-551-00123/2021', 'Ministry of Labour, Employment, Veteran and Social Policy',
   '2027-03-31'),
  ('00000000-0000-4000-9000-000000000002', '00000000-0000-4000-8000-00000000000d',
   '{"en": "Personal assistance", "sr-Latn": "Personalna asistencija"}', 'personal_assistance',
   '{people_with_disabilities}', '{Vlasotince,Leskovac}', 12, 'in_process', NULL, NULL, NULL),
  ('00000000-0000-4000-9000-000000000003', '00000000-0000-4000-8000-00000000000c',
   '{"en": "Psychosocial support for refugees and asylum seekers", "sr-Latn": "Psihosocijalna podrška izbeglicama i tražiocima azila"}',
   'psychosocial_support', '{migrants_refugees_asylum_seekers}', '{Beograd}', 60,
   'licensed', 'RS-SZ-551-00456/2020', 'Ministry of Labour, Employment, Veteran and Social Policy',
   '2026-12-15'),
  ('00000000-0000-4000-9000-000000000004', '00000000-0000-4000-8000-00000000000c',
   '{"en": "Supported housing for unaccompanied minors"}', 'supported_housing',
   '{migrants_refugees_asylum_seekers,children_and_youth_at_risk}', '{Beograd}', 10,
   'expired', 'RS-SZ-551-00077/2018', 'Ministry of Labour, Employment, Veteran and Social Policy',
   '2024-06-30'),
  ('00000000-0000-4000-9000-000000000005', '00000000-0000-4000-8000-00000000000b',
   '{"en": "Free legal aid", "cnr": "Besplatna pravna pomoć"}', 'legal_aid',
   '{victims_of_violence,people_with_disabilities}', '{Podgorica,Nikšić}', NULL,
   'not_required', NULL, NULL, NULL),
  ('00000000-0000-4000-9000-000000000006', '00000000-0000-4000-8000-000000000007',
   '{"en": "SOS helpline for women and children victims of violence", "cnr": "SOS telefon za žene i djecu žrtve nasilja"}',
   'sos_helpline', '{victims_of_violence}', '{Podgorica}', NULL, 'licensed', 'ME-MRSS-2022-014',
   'Ministry of Labour and Social Welfare of Montenegro', '2027-09-01'),
  ('00000000-0000-4000-9000-000000000007', '00000000-0000-4000-8000-000000000004',
   '{"en": "Shelter for victims of trafficking", "mk": "Засолниште за жртви на трговија со луѓе"}',
   'shelter', '{victims_of_violence,migrants_refugees_asylum_seekers}', '{Skopje}', 8,
   'not_licensed', NULL, NULL, NULL),
  ('00000000-0000-4000-9000-000000000008', '00000000-0000-4000-8000-00000000000e',
   '{"en": "Counselling for parents of children with autism", "sr-Latn": "Savetovalište za roditelje dece sa autizmom"}',
   'counselling', '{people_with_disabilities}', '{Čačak}', 30, 'in_process', NULL, NULL, NULL)
ON CONFLICT (id) DO NOTHING
