inbox.id::text AS id,
inbox.message_id::text AS message_id,
m.type AS type,
m.subject_id AS subject_id,
CASE WHEN cardinality(m.countries) = 1 THEN m.countries[1] ELSE '' END AS country,
m.payload::text AS payload,
(extract(epoch FROM m.occurred_at) * 1000000)::bigint AS occurred_at_us,
(extract(epoch FROM inbox.created_at) * 1000000)::bigint AS created_at_us,
(extract(epoch FROM inbox.read_at) * 1000000)::bigint AS read_at_us
