SELECT r.id AS recipient_id,
       m.id AS message_id,
       m.seq AS seq,
       coalesce(s.channels, d.channels, '{}'::text[]) AS channels
-- The batch's ids first, joined by key: a plan cached while messages was small must not scan
-- the whole table per batch once it has grown (bench/HISTORY.md, session 10).
FROM unnest($1::uuid[]) AS batch(id)
JOIN notifications.messages m ON m.id = batch.id
CROSS JOIN notifications.recipients r
LEFT JOIN notifications.subscriptions s ON s.recipient_id = r.id
LEFT JOIN notifications.role_defaults d ON d.role = r.role
WHERE m.audience <> 'internal'
  AND r.active
  -- topic: domain::TopicMatches ("*", the type, or a prefix of whole segments + ".*")
  AND EXISTS (SELECT 1
              FROM unnest(coalesce(s.topics, d.topics, '{}'::text[])) AS p(pattern)
              WHERE p.pattern = '*' OR p.pattern = m.type
                 OR (right(p.pattern, 2) = '.*' AND starts_with(m.type, left(p.pattern, -1))))
  -- country: either side empty means all; a role following its own country has that one
  AND (cardinality(m.countries) = 0
       OR CASE WHEN s.recipient_id IS NOT NULL
                 THEN cardinality(s.countries) = 0 OR s.countries && m.countries
               WHEN d.own_country_only AND r.country IS NOT NULL
                 THEN r.country = ANY(m.countries)
               ELSE true END)
  -- audience: who may see it at all
  AND (m.audience = 'public'
       OR r.id = m.person_id
       OR r.role = 'network_admin'
       -- a coordinator sees its own country's: a message naming no country is regional,
       -- the secretariat's (and the organisation's) alone
       OR (r.role = 'national_coordinator' AND r.country = ANY(m.countries))
       OR (m.audience = 'organization' AND r.organization_id = m.organization_id))
