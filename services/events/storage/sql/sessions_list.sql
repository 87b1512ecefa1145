-- Keyset page of an event's sessions ($1), by start then id.
SELECT {{sessions_columns}}
FROM events.sessions
WHERE sessions.event_id = $1::uuid
  AND @after $2 $3 sessions.id@
@order_by sessions.id@
LIMIT $4
