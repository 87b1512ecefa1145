-- Campaigns (e.g. #socialservicesforall): one regional campaign and national ones run by each
-- partner, carrying documents and events. Linked documents are checked here (foreign key);
-- events belong to the events service and are checked over gRPC when linked.
CREATE TABLE documents.campaigns (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                 jsonb NOT NULL,
  hashtag              text NOT NULL DEFAULT '',
  scope                text NOT NULL CHECK (scope IN ('regional', 'national')),
  country              text NOT NULL DEFAULT '' CHECK (country ~ '^([A-Z]{2})?$'),
  starts_on            date NOT NULL,
  ends_on              date,
  lead_organization_id uuid,
  key_messages         jsonb NOT NULL DEFAULT '[]',  -- [{"en": "...", ...}, ...]
  event_ids            uuid[] NOT NULL DEFAULT '{}',
  version              bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope = 'national') = (country <> '')),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);

CREATE INDEX campaigns_starts_on ON documents.campaigns (starts_on DESC, id);

CREATE TABLE documents.campaign_documents (
  campaign_id uuid NOT NULL REFERENCES documents.campaigns (id) ON DELETE CASCADE,
  document_id uuid NOT NULL REFERENCES documents.documents (id),
  position    integer NOT NULL,
  PRIMARY KEY (campaign_id, document_id)
);
CREATE INDEX campaign_documents_document ON documents.campaign_documents (document_id);
