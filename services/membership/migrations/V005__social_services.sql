-- Social services offered by member organisations (DOMAIN.md "Social service") and their
-- categories (API.md "Reference lists"). Licensing support is a core programme, so expiry dates
-- are indexed for GET /v1/services?licence_expires_before=.

CREATE TABLE membership.service_categories (
  code       text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  name       jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object' AND name ? 'en'),
  position   smallint NOT NULL UNIQUE
);

INSERT INTO membership.service_categories (code, name, position) VALUES
  ('day_care', '{"en": "Day care", "sr-Latn": "Dnevni boravak"}', 1),
  ('supported_housing', '{"en": "Supported housing", "sr-Latn": "Stanovanje uz podršku"}', 2),
  ('personal_assistance', '{"en": "Personal assistance", "sr-Latn": "Personalna asistencija"}', 3),
  ('home_care', '{"en": "Home care", "sr-Latn": "Pomoć u kući"}', 4),
  ('sos_helpline', '{"en": "SOS helpline", "sr-Latn": "SOS telefon"}', 5),
  ('shelter', '{"en": "Shelter", "sr-Latn": "Sigurna kuća"}', 6),
  ('legal_aid', '{"en": "Legal aid", "sr-Latn": "Pravna pomoć"}', 7),
  ('psychosocial_support', '{"en": "Psychosocial support", "sr-Latn": "Psihosocijalna podrška"}', 8),
  ('counselling', '{"en": "Counselling", "sr-Latn": "Savetovanje"}', 9),
  ('early_intervention', '{"en": "Early intervention", "sr-Latn": "Rana intervencija"}', 10),
  ('other', '{"en": "Other", "sr-Latn": "Ostalo"}', 11);

CREATE TABLE membership.social_services (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id     uuid NOT NULL REFERENCES membership.organizations (id),
  name                jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object' AND name <> '{}'),
  category            text NOT NULL REFERENCES membership.service_categories (code),
  target_groups       text[] NOT NULL DEFAULT '{}',
  municipalities      text[] NOT NULL DEFAULT '{}',
  capacity            integer CHECK (capacity >= 0),
  licensing_status    text NOT NULL CHECK (licensing_status IN ('not_required', 'not_licensed',
                                                                'in_process', 'licensed',
                                                                'expired')),
  licence_number      text CHECK (length(licence_number) BETWEEN 1 AND 64),
  licence_authority   text CHECK (length(licence_authority) BETWEEN 1 AND 200),
  licence_valid_until date,
  version             bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (licensing_status <> 'licensed' OR (licence_number IS NOT NULL AND
         licence_authority IS NOT NULL AND licence_valid_until IS NOT NULL))
);

-- The keyset of every list, per organisation and across members.
CREATE INDEX social_services_keyset ON membership.social_services (created_at, id);
CREATE INDEX social_services_organization
  ON membership.social_services (organization_id, created_at, id);
CREATE INDEX social_services_licence_expiry ON membership.social_services (licence_valid_until)
  WHERE licence_valid_until IS NOT NULL;
