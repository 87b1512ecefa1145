-- Organisations of the network (DOMAIN.md membership): members, partners, institutions.
-- search_text folds name, acronym and city for case, diacritics and Serbian script
-- (public.iris_fold, scripts/sql/provision.sql) so `q` is answered by the trigram index.
CREATE TABLE membership.organizations (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  acronym             text CHECK (length(acronym) BETWEEN 1 AND 32),
  country             text NOT NULL REFERENCES membership.countries (code),
  city                text CHECK (length(city) BETWEEN 1 AND 100),
  kind                text NOT NULL CHECK (kind IN ('member_cso', 'partner', 'public_institution',
                                                    'international_org', 'media')),
  target_groups       text[] NOT NULL DEFAULT '{}',
  email               text CHECK (length(email) <= 254),
  website             text CHECK (website ~* '^https?://'),
  registration_number text CHECK (length(registration_number) BETWEEN 1 AND 64),
  status              text NOT NULL CHECK (status IN ('applicant', 'active', 'suspended',
                                                      'withdrawn')),
  status_note         text,
  status_changed_at   timestamptz,
  joined_at           date,
  version             bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  search_text         text GENERATED ALWAYS AS (public.iris_fold(
                        name || ' ' || coalesce(acronym, '') || ' ' || coalesce(city, ''))) STORED
);

-- The keyset of every list: a deep page costs what the first does.
CREATE INDEX organizations_keyset ON membership.organizations (created_at, id);
CREATE INDEX organizations_search ON membership.organizations
  USING gin (search_text public.gin_trgm_ops);
CREATE INDEX organizations_country ON membership.organizations (country, created_at, id);
