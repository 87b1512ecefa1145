-- Reference data of DOMAIN.md: countries, target groups, languages, national networks.
-- Names are localized maps (language tag -> text); English is the working language.

CREATE TABLE membership.countries (
  code       text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
  name       jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object' AND name ? 'en'),
  position   smallint NOT NULL UNIQUE
);

CREATE TABLE membership.target_groups (
  code       text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  name       jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object' AND name ? 'en'),
  position   smallint NOT NULL UNIQUE
);

CREATE TABLE membership.languages (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  native_name text NOT NULL,
  position    smallint NOT NULL UNIQUE
);

CREATE TABLE membership.networks (
  country     text PRIMARY KEY REFERENCES membership.countries (code),
  name        jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object' AND name ? 'en'),
  status      text NOT NULL CHECK (status IN ('active', 'in_formation')),
  secretariat text,
  coordinator text,
  version     bigint NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO membership.countries (code, name, position) VALUES
  ('AL', '{"en": "Albania", "sq": "Shqipëria"}', 1),
  ('BA', '{"en": "Bosnia and Herzegovina", "bs": "Bosna i Hercegovina", "hr": "Bosna i Hercegovina", "sr-Latn": "Bosna i Hercegovina", "sr-Cyrl": "Босна и Херцеговина"}', 2),
  ('HR', '{"en": "Croatia", "hr": "Hrvatska"}', 3),
  ('XK', '{"en": "Kosovo", "sq": "Kosova", "sr-Latn": "Kosovo", "sr-Cyrl": "Косово"}', 4),
  ('ME', '{"en": "Montenegro", "cnr": "Crna Gora", "sr-Latn": "Crna Gora", "sr-Cyrl": "Црна Гора"}', 5),
  ('MK', '{"en": "North Macedonia", "mk": "Северна Македонија", "sq": "Maqedonia e Veriut"}', 6),
  ('RS', '{"en": "Serbia", "sr-Latn": "Srbija", "sr-Cyrl": "Србија"}', 7);

INSERT INTO membership.target_groups (code, name, position) VALUES
  ('people_with_disabilities', '{"en": "People with disabilities", "sr-Latn": "Osobe sa invaliditetom"}', 1),
  ('children_and_youth_at_risk', '{"en": "Children and youth at risk", "sr-Latn": "Deca i mladi u riziku"}', 2),
  ('victims_of_violence', '{"en": "Victims of violence, including women victims of domestic violence", "sr-Latn": "Žrtve nasilja"}', 3),
  ('migrants_refugees_asylum_seekers', '{"en": "Migrants, refugees and asylum seekers", "sr-Latn": "Migranti, izbeglice i tražioci azila"}', 4),
  ('roma', '{"en": "Roma", "sr-Latn": "Romi"}', 5),
  ('lgbtq', '{"en": "LGBTQ people", "sr-Latn": "LGBTQ osobe"}', 6),
  ('older_people', '{"en": "Older people", "sr-Latn": "Starije osobe"}', 7),
  ('other_adults', '{"en": "Other adults in need", "sr-Latn": "Ostale odrasle osobe u potrebi"}', 8);

INSERT INTO membership.languages (code, name, native_name, position) VALUES
  ('en', 'English', 'English', 1),
  ('sq', 'Albanian', 'Shqip', 2),
  ('bs', 'Bosnian', 'Bosanski', 3),
  ('hr', 'Croatian', 'Hrvatski', 4),
  ('mk', 'Macedonian', 'Македонски', 5),
  ('sr-Latn', 'Serbian (Latin script)', 'Srpski', 6),
  ('sr-Cyrl', 'Serbian (Cyrillic script)', 'Српски', 7),
  ('cnr', 'Montenegrin', 'Crnogorski', 8);

-- Five national secretariats were active and two (North Macedonia, Albania) "in formation"
-- (seeds/002). Secretariats are the partner organisations the seeds name per country.
INSERT INTO membership.networks (country, name, status, secretariat) VALUES
  ('AL', '{"en": "IRIS Network Albania", "sq": "Rrjeti IRIS Shqipëri"}', 'in_formation', 'ARSIS'),
  ('BA', '{"en": "IRIS Network Bosnia and Herzegovina", "bs": "IRIS mreža Bosna i Hercegovina"}', 'active', 'LIR CD'),
  ('HR', '{"en": "IRIS Network Croatia", "hr": "IRIS mreža Hrvatska"}', 'active', NULL),
  ('XK', '{"en": "IRIS Network Kosovo", "sq": "Rrjeti IRIS Kosovë"}', 'active', 'VoRAE'),
  ('ME', '{"en": "IRIS Network Montenegro", "cnr": "IRIS mreža Crna Gora"}', 'active', 'SOS Podgorica'),
  ('MK', '{"en": "IRIS Network North Macedonia", "mk": "ИРИС мрежа Северна Македонија"}', 'in_formation', 'Open Gate / La Strada'),
  ('RS', '{"en": "IRIS Network Serbia", "sr-Latn": "IRIS mreža Srbija", "sr-Cyrl": "ИРИС мрежа Србија"}', 'active', 'IDC');
