-- The tables every service has, created in the service's own schema by the migrator (it sets
-- search_path to that schema first, so names here are unqualified). IF NOT EXISTS: membership
-- had its own copy (V002__outbox_and_audit) before the kit existed, with the same definitions.

-- Outbox: messages written in the transaction of the change they announce (ARCHITECTURE.md
-- "Nothing is lost"); the relay publishes rows in `position` order and stamps published_at.
CREATE TABLE IF NOT EXISTS outbox (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  position     bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  type         text NOT NULL CHECK (type ~ '^[a-z_]+(\.[a-z_]+)+$'),
  subject_id   text NOT NULL,
  country      text,
  actor        text,
  request_id   text,
  payload      jsonb NOT NULL DEFAULT '{}',
  occurred_at  timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_unpublished ON outbox (position) WHERE published_at IS NULL;

-- Audit: who did what, when, under which request. Holds ids and field names, never personal
-- data, so erasing a person leaves only the id here.
CREATE TABLE IF NOT EXISTS audit_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  actor        text,
  actor_role   text,
  request_id   text,
  action       text NOT NULL,
  subject_type text NOT NULL,
  subject_id   text NOT NULL,
  changes      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS audit_log_subject ON audit_log (subject_type, subject_id);
