-- The filters of a list of documents, after the caller ($1..$3): $4..$9 (NULL: any) kind,
-- country, topic, language (text[]), year of published_at (int[], UTC), status (text[]); what
-- the caller may not see is never a match. Included as {{documents_filters}}.
(documents.status IN ('published', 'archived')
   OR ($1::bool
       OR ($2::text <> '' AND $2::text = ANY(documents.countries))
       OR coalesce(NULLIF($3::text, '')::uuid = ANY(documents.organization_ids), false)))
  AND CASE WHEN $4::text[] IS NULL THEN true ELSE documents.kind = ANY($4::text[]) END
  AND CASE WHEN $5::text[] IS NULL THEN true ELSE documents.countries && $5::text[] END
  AND CASE WHEN $6::text[] IS NULL THEN true ELSE documents.topics && $6::text[] END
  AND CASE WHEN $7::text[] IS NULL THEN true ELSE documents.languages && $7::text[] END
  AND CASE WHEN $8::int[] IS NULL THEN true
           ELSE extract(year FROM documents.published_at AT TIME ZONE 'UTC')::int = ANY($8::int[])
      END
  AND CASE WHEN $9::text[] IS NULL THEN true ELSE documents.status = ANY($9::text[]) END
