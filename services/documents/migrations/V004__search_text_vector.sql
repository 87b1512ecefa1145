-- The file-text part of a document's search vector. A tsvector holds at most 1 MB of lexemes
-- and positions, and how much text fits depends on the text (many distinct short words take
-- more room per character than prose): no fixed character cap is safe. This takes as much of
-- the text as fits in 800 kB (the metadata's part, titles and summaries in every language,
-- stays under 200 kB), halving what it reads until it fits, so an upload of any text is
-- indexed (its beginning, at worst) and never fails.
CREATE FUNCTION documents.text_search_vector(t text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE AS $f$  -- not PARALLEL SAFE: it opens subtransactions
DECLARE
  n integer := least(length(coalesce(t, '')), 1000000);
  v tsvector;
BEGIN
  LOOP
    BEGIN
      v := to_tsvector('simple', public.iris_fold(left(coalesce(t, ''), n)));
      IF n <= 1000 OR pg_column_size(v) <= 800000 THEN
        RETURN v;
      END IF;
    EXCEPTION WHEN program_limit_exceeded THEN
      -- "string is too long for tsvector": read less.
      IF n <= 1000 THEN
        RETURN ''::tsvector;
      END IF;
    END;
    n := n / 2;
  END LOOP;
END
$f$;

-- Recomputes the search vectors of document `doc` from its metadata and its files' text, in the
-- transaction of every change of either (metadata, files, publication): search_all with the
-- files of the latest version (for those who see it unpublished), search_public with those of
-- the latest published version (for everyone). Folded with public.iris_fold (case, diacritics,
-- Serbian Cyrillic -> Latin) and the 'simple' configuration (no stemming: the network writes
-- in eight languages). Titles weigh A, summaries B, topics and authors C, file text D (as much
-- as fits: text_search_vector above). A function rather than a statement of the service's so
-- that the demo data is indexed by the very same code (demo_6_search.sql calls it). True, or
-- NULL when there is no such document.
CREATE FUNCTION documents.refresh_search(doc uuid) RETURNS boolean
LANGUAGE sql AS $f$
WITH meta AS (
  SELECT d.id,
         setweight(to_tsvector('simple', public.iris_fold(coalesce(
           (SELECT string_agg(t.value, ' ') FROM jsonb_each_text(d.title) AS t), ''))), 'A')
         || setweight(to_tsvector('simple', public.iris_fold(coalesce(
           (SELECT string_agg(s.value, ' ') FROM jsonb_each_text(d.summary) AS s), ''))), 'B')
         || setweight(to_tsvector('simple', public.iris_fold(
           array_to_string(array_cat(d.topics, d.authors), ' '))), 'C') AS vector,
         d.latest_version, d.published_version
  FROM documents.documents AS d
  WHERE d.id = doc
), texts AS (
  SELECT meta.id,
         coalesce((SELECT string_agg(f.text, ' ' ORDER BY f.position)
                   FROM documents.files AS f
                   WHERE f.document_id = meta.id AND f.version = meta.latest_version), '')
           AS latest_text,
         coalesce((SELECT string_agg(f.text, ' ' ORDER BY f.position)
                   FROM documents.files AS f
                   WHERE f.document_id = meta.id AND f.version = meta.published_version), '')
           AS published_text
  FROM meta
)
UPDATE documents.documents AS d
SET search_all = meta.vector
      || setweight(documents.text_search_vector(texts.latest_text), 'D'),
    search_public = meta.vector
      || setweight(documents.text_search_vector(texts.published_text), 'D')
FROM meta JOIN texts ON texts.id = meta.id
WHERE d.id = meta.id
RETURNING true;  -- NULL: no such document
$f$;
