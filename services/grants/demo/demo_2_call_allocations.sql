-- Per-country ceilings of the 2021 demo call; `awarded` matches demo_6_grants.
INSERT INTO grants.call_allocations (call_id, country, amount, awarded)
VALUES
  ('00000000-0000-4000-c000-000000000001', 'RS', 3600000, 650000),
  ('00000000-0000-4000-c000-000000000001', 'ME', 2400000, 0),
  ('00000000-0000-4000-c000-000000000001', 'XK', 1600000, 550000)
ON CONFLICT (call_id, country) DO NOTHING
