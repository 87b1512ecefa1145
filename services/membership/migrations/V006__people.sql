-- Contact persons of organisations (DOMAIN.md membership). Personal data: erasure deletes the
-- row; outbox and audit rows about a person hold its id only.
CREATE TABLE membership.people (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id    uuid NOT NULL REFERENCES membership.organizations (id) ON DELETE CASCADE,
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email              text CHECK (length(email) <= 254),
  phone              text CHECK (length(phone) <= 40),
  role               text CHECK (length(role) <= 100),
  languages          text[] NOT NULL DEFAULT '{}',
  consent_directory  boolean NOT NULL DEFAULT false,
  consent_newsletter boolean NOT NULL DEFAULT false,
  consent_given_at   timestamptz,
  version            bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);

-- The keyset of an organisation's list.
CREATE INDEX people_organization ON membership.people (organization_id, created_at, id);
