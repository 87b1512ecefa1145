-- A new draft; the caller reads it back (and refreshes its search vectors).
INSERT INTO documents.documents (kind, title, summary, countries, topics, languages,
                                 organization_ids, authors)
VALUES ($1, $2::jsonb, $3::jsonb, $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[])
RETURNING documents.id::text AS id
