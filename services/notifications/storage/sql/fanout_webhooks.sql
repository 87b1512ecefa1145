-- Webhook deliveries of the new messages $1 (uuid[]) for every active endpoint whose topics
-- match and whose owner may see them: a network admin's anything but internal, anyone
-- else's public messages only.
INSERT INTO notifications.webhook_deliveries (endpoint_id, message_id)
SELECT e.id, m.id
FROM unnest($1::uuid[]) AS batch(id)  -- by key, whatever plan is cached (_fanout_matches)
JOIN notifications.messages m ON m.id = batch.id
JOIN notifications.webhook_endpoints e ON e.active
-- The owner as it is now: a disabled account's endpoints receive nothing, and only a current
-- network admin's receive more than public messages.
JOIN notifications.recipients o ON o.id = e.owner_id AND o.active
WHERE m.audience <> 'internal'
  AND (m.audience = 'public' OR o.role = 'network_admin')
  AND EXISTS (SELECT 1
              FROM unnest(e.topics) AS p(pattern)
              WHERE p.pattern = '*' OR p.pattern = m.type
                 OR (right(p.pattern, 2) = '.*' AND starts_with(m.type, left(p.pattern, -1))))
ORDER BY m.seq
-- Share-locked: an endpoint being disabled or deleted meanwhile is waited for and read again
-- (READ COMMITTED), so no delivery is queued for an endpoint that stopped taking them.
FOR SHARE OF e
ON CONFLICT (endpoint_id, message_id) DO NOTHING
