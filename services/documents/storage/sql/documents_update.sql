-- The writable fields, if the version is still $2; no row means someone changed it first.
UPDATE documents.documents
SET kind = $3, title = $4::jsonb, summary = $5::jsonb, countries = $6::text[],
    topics = $7::text[], languages = $8::text[], organization_ids = $9::uuid[],
    authors = $10::text[], version = version + 1, updated_at = now()
WHERE documents.id = $1::uuid AND documents.version = $2
RETURNING documents.id::text AS id
