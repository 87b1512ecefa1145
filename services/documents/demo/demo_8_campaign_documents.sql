-- The documents each #socialservicesforall campaign (demo_7) carries, in order: the regional
-- one the shadow report, the GAP Assessment and the Balkan Briefings (seed 004: "Shadow
-- Reports ... as well as the Gap Assessment ... will serve as a baseline"); Serbia's the
-- Chapter 24 report; the other national campaigns the GAP Assessment (each has its country's
-- view in it). Only published documents: anyone reads a campaign.
INSERT INTO documents.campaign_documents (campaign_id, document_id, position)
VALUES
  ('00000000-0000-4000-d200-000000000001', '00000000-0000-4000-d000-000000000002', 1),
  ('00000000-0000-4000-d200-000000000001', '00000000-0000-4000-d000-000000000003', 2),
  ('00000000-0000-4000-d200-000000000001', '00000000-0000-4000-d000-000000000001', 3),
  ('00000000-0000-4000-d200-000000000002', '00000000-0000-4000-d000-000000000002', 1),
  ('00000000-0000-4000-d200-000000000003', '00000000-0000-4000-d000-000000000003', 1),
  ('00000000-0000-4000-d200-000000000004', '00000000-0000-4000-d000-000000000003', 1),
  ('00000000-0000-4000-d200-000000000005', '00000000-0000-4000-d000-000000000003', 1),
  ('00000000-0000-4000-d200-000000000006', '00000000-0000-4000-d000-000000000003', 1)
ON CONFLICT (campaign_id, document_id) DO NOTHING
