-- Keyset page of events in the order the caller chose (one statement per order and a count,
-- from the markers). Drafts: $1 every one (network admins), $2 those of that country (its
-- coordinator; '' none). $3..$6 text[] filters (NULL: any): kind, country, format, status.
-- $7, $8 (NULL: unbounded): ending at or after $7, starting before $8.
SELECT {{events_columns}}
FROM events.events
WHERE (events.status <> 'draft' OR $1::bool OR ($2::text <> '' AND events.country = $2::text))
  AND CASE WHEN $3::text[] IS NULL THEN true ELSE events.kind = ANY($3::text[]) END
  AND CASE WHEN $4::text[] IS NULL THEN true ELSE events.country = ANY($4::text[]) END
  AND CASE WHEN $5::text[] IS NULL THEN true ELSE events.format = ANY($5::text[]) END
  AND CASE WHEN $6::text[] IS NULL THEN true ELSE events.status = ANY($6::text[]) END
  AND ($7::timestamptz IS NULL OR events.ends_at >= $7::timestamptz)
  AND ($8::timestamptz IS NULL OR events.starts_at < $8::timestamptz)
  AND @after $9 $10 events.id@
@order_by events.id@
LIMIT $11
