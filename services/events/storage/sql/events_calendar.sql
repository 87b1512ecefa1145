-- The calendar's events: never drafts; $1, $2 text[] filters (NULL: any): kind, country. The
-- newest $3 by start (the feed is bounded; docs/openapi.yaml says so).
SELECT {{events_columns}}
FROM events.events
WHERE events.status IN ('published', 'completed', 'cancelled')
  AND CASE WHEN $1::text[] IS NULL THEN true ELSE events.kind = ANY($1::text[]) END
  AND CASE WHEN $2::text[] IS NULL THEN true ELSE events.country = ANY($2::text[]) END
ORDER BY events.starts_at DESC, events.id DESC
LIMIT $3
