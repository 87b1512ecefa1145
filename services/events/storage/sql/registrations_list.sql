-- Keyset page of an event's registrations the caller sees: all ($2) or its organisation's ($3);
-- $4 (statuses) and $5 (organisation ids, checked as UUIDs) are text[] filters (NULL: any). One
-- statement per order and a count, from the markers. Fetches limit + 1.
SELECT {{registrations_columns}}
FROM events.registrations
WHERE event_id = $1::uuid
  AND ($2::bool OR organization_id = $3::uuid)
  AND ($4::text[] IS NULL OR status = ANY($4::text[]))
  AND ($5::text[] IS NULL OR organization_id = ANY($5::text[]::uuid[]))
  AND @after $6 $7 registrations.id@
@order_by registrations.id@
LIMIT $8
