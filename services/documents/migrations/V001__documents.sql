-- Documents (DOMAIN.md documents): the network's advocacy library. A document's metadata is
-- here; its immutable versions and their files are in V002. Two search vectors are kept up to
-- date by the service in the transaction of each change (no trigger: the folding and the
-- extracted text are the service's): `search_public` covers the metadata and the files of the
-- latest published version (what every reader sees), `search_all` the metadata and the files
-- of the latest version (what editors see).
CREATE TABLE documents.documents (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind              text NOT NULL CHECK (kind IN ('shadow_report', 'policy_brief', 'assessment',
                      'briefing', 'newsletter', 'case_study', 'guide', 'strategy', 'report',
                      'other')),
  title             jsonb NOT NULL,                 -- {"en": "...", "sr-Cyrl": "..."}
  summary           jsonb NOT NULL DEFAULT '{}',
  countries         text[] NOT NULL DEFAULT '{}',   -- one: national; none or several: regional
  topics            text[] NOT NULL DEFAULT '{}',   -- lower-case slugs
  languages         text[] NOT NULL DEFAULT '{}',
  organization_ids  uuid[] NOT NULL DEFAULT '{}',
  authors           text[] NOT NULL DEFAULT '{}',
  status            text NOT NULL DEFAULT 'draft'
                      CHECK (status IN ('draft', 'in_review', 'published', 'archived')),
  status_note       text,
  status_changed_at timestamptz,
  published_at      timestamptz,                    -- first publication
  latest_version    integer NOT NULL DEFAULT 0 CHECK (latest_version >= 0),
  published_version integer NOT NULL DEFAULT 0 CHECK (published_version >= 0),
  search_public     tsvector NOT NULL DEFAULT ''::tsvector,
  search_all        tsvector NOT NULL DEFAULT ''::tsvector,
  version           bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (published_version <= latest_version),
  CHECK (status IN ('draft', 'in_review') OR published_at IS NOT NULL)
);

CREATE INDEX documents_updated_at ON documents.documents (updated_at DESC, id);
CREATE INDEX documents_search_public ON documents.documents USING gin (search_public);
CREATE INDEX documents_search_all ON documents.documents USING gin (search_all);
CREATE INDEX documents_countries ON documents.documents USING gin (countries);
CREATE INDEX documents_topics ON documents.documents USING gin (topics);
CREATE INDEX documents_organization_ids ON documents.documents USING gin (organization_ids);
