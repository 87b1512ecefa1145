-- Immutable versions and their files. A file's bytes live in a blob (V002's blob store behind
-- the service's storage interface, which an S3-compatible store could implement later): fixed
-- size chunks, so a download or a range reads only the chunks it needs and nothing holds a
-- whole file in memory.
CREATE TABLE documents.versions (
  document_id  uuid NOT NULL REFERENCES documents.documents (id) ON DELETE CASCADE,
  number       integer NOT NULL CHECK (number >= 1),
  change_note  text NOT NULL DEFAULT '',
  published_at timestamptz,              -- set: every reader sees it, it takes no more files
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, number)
);

CREATE TABLE documents.blobs (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  size       bigint NOT NULL CHECK (size >= 0),
  sha256     text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  chunk_size integer NOT NULL CHECK (chunk_size > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Chunk `seq` holds bytes [seq * chunk_size, (seq + 1) * chunk_size) of its blob. EXTERNAL:
-- out of line without compression (PDFs and images do not compress; ranges read fast).
CREATE TABLE documents.blob_chunks (
  blob_id uuid NOT NULL REFERENCES documents.blobs (id) ON DELETE CASCADE,
  seq     integer NOT NULL CHECK (seq >= 0),
  data    bytea NOT NULL,
  PRIMARY KEY (blob_id, seq)
);
ALTER TABLE documents.blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE documents.files (
  document_id uuid NOT NULL,
  version     integer NOT NULL,
  name        text NOT NULL CHECK (name ~ '^[A-Za-z0-9._-]{1,128}$'),
  position    integer NOT NULL CHECK (position >= 1),  -- 1: main, then annexes
  media_type  text NOT NULL,
  blob_id     uuid NOT NULL REFERENCES documents.blobs (id),
  size        bigint NOT NULL CHECK (size >= 0),
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  -- The text extracted for search (plain text, PDF), capped; empty when there is none.
  text        text NOT NULL DEFAULT '',
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, version, name),
  UNIQUE (document_id, version, position),
  FOREIGN KEY (document_id, version) REFERENCES documents.versions (document_id, number)
    ON DELETE CASCADE
);
