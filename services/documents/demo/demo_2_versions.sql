-- Versions of the demo documents (demo_1): one each, published with the document, except the
-- Chapter 24 report (a second version, the revision with the Cyrillic summary, published
-- after the Public Hearing; the first stays as it was) and the two unpublished documents
-- (their version 1 takes files until it is published). Files: demo_5.
INSERT INTO documents.versions (document_id, number, change_note, published_at, created_at)
VALUES
  ('00000000-0000-4000-d000-000000000001', 1, 'September 2021 edition with Annex 1-4',
   '2021-09-30T12:00:00+02:00', '2021-09-15T10:00:00+02:00'),
  ('00000000-0000-4000-d000-000000000002', 1, 'As presented at the Public Hearing',
   '2021-06-10T12:00:00+02:00', '2021-06-01T10:00:00+02:00'),
  ('00000000-0000-4000-d000-000000000002', 2,
   'Summary in Serbian (Cyrillic) added after the Public Hearing', '2021-06-25T11:00:00+02:00',
   '2021-06-21T10:00:00+02:00'),
  ('00000000-0000-4000-d000-000000000003', 1,
   'Integral version and the five country views', '2021-04-15T12:00:00+02:00',
   '2021-04-01T10:00:00+02:00'),
  ('00000000-0000-4000-d000-000000000004', 1, '', '2021-05-14T12:00:00+02:00',
   '2021-05-10T10:00:00+02:00'),
  ('00000000-0000-4000-d000-000000000005', 1, '', '2021-07-05T12:00:00+02:00',
   '2021-07-01T10:00:00+02:00'),
  ('00000000-0000-4000-d000-000000000006', 1, '', '2019-12-10T12:00:00+01:00',
   '2019-12-02T10:00:00+01:00'),
  ('00000000-0000-4000-d000-000000000007', 1, 'Draft for review', NULL,
   '2021-05-24T10:00:00+02:00'),
  ('00000000-0000-4000-d000-000000000008', 1, '', NULL, '2023-02-15T10:00:00+01:00')
ON CONFLICT (document_id, number) DO NOTHING
