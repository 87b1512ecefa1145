-- Membership applications (DOMAIN.md membership): an organisation asks to join; the proposed
-- organisation is kept as submitted (jsonb of its writable fields) until a decision.
CREATE TABLE membership.membership_applications (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization      jsonb NOT NULL,
  country           text NOT NULL REFERENCES membership.countries (code),
  contact_name      text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 200),
  contact_email     text NOT NULL CHECK (length(contact_email) BETWEEN 3 AND 254),
  motivation        text NOT NULL CHECK (length(motivation) <= 4000),
  status            text NOT NULL DEFAULT 'submitted'
                      CHECK (status IN ('submitted', 'approved', 'rejected')),
  status_note       text,
  status_changed_at timestamptz,
  organization_id   uuid REFERENCES membership.organizations (id),
  version           bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'approved') = (organization_id IS NOT NULL))
);

CREATE INDEX membership_applications_keyset ON membership.membership_applications (created_at, id);
CREATE INDEX membership_applications_country
  ON membership.membership_applications (country, created_at, id);
