-- The facets of a search: over every document matching q ($10) that the caller sees ($1..$3),
-- each facet counted with every filter but its own applied ($4 kind, $5 country, $6 topic, $8
-- year; $7 language and $9 status always), so a client sees what choosing another value of a
-- facet would give. One statement: the matches once, each row's filter outcomes as flags.
WITH q AS (SELECT websearch_to_tsquery('simple', public.iris_fold($10::text)) AS query),
m AS (
  SELECT documents.kind, documents.countries, documents.topics,
         extract(year FROM documents.published_at AT TIME ZONE 'UTC')::int AS year,
         CASE WHEN $4::text[] IS NULL THEN true ELSE documents.kind = ANY($4::text[]) END AS k,
         CASE WHEN $5::text[] IS NULL THEN true ELSE documents.countries && $5::text[] END AS c,
         CASE WHEN $6::text[] IS NULL THEN true ELSE documents.topics && $6::text[] END AS t,
         CASE WHEN $8::int[] IS NULL THEN true
              ELSE coalesce(extract(year FROM documents.published_at AT TIME ZONE 'UTC')::int
                              = ANY($8::int[]), false) END AS y
  FROM documents.documents, q
  WHERE (documents.status IN ('published', 'archived') OR {{documents_sees_unpublished}})
    AND CASE WHEN $7::text[] IS NULL THEN true ELSE documents.languages && $7::text[] END
    AND CASE WHEN $9::text[] IS NULL THEN true ELSE documents.status = ANY($9::text[]) END
    AND (documents.search_public @@ q.query
         OR ({{documents_sees_unpublished}} AND documents.search_all @@ q.query))
)
SELECT 'kind' AS facet, m.kind AS value, count(*) AS count
FROM m WHERE m.c AND m.t AND m.y GROUP BY m.kind
UNION ALL
SELECT 'country', country, count(*)
FROM m, unnest(m.countries) AS country WHERE m.k AND m.t AND m.y GROUP BY country
UNION ALL
SELECT 'year', m.year::text, count(*)
FROM m WHERE m.year IS NOT NULL AND m.k AND m.c AND m.t GROUP BY m.year
UNION ALL
SELECT 'topic', topic, count(*)
FROM m, unnest(m.topics) AS topic WHERE m.k AND m.c AND m.y GROUP BY topic
