-- The directory profile of an organisation (issue 12): a localized description, a postal
-- address, a phone and a logo (https only: pages load it inside https), and an index for the
-- contact persons a public profile shows (people who consented to the directory).
ALTER TABLE membership.organizations
  ADD COLUMN description jsonb NOT NULL DEFAULT '{}'
    CHECK (jsonb_typeof(description) = 'object'),
  ADD COLUMN address text CHECK (length(address) <= 300),
  ADD COLUMN phone text CHECK (length(phone) <= 40),
  ADD COLUMN logo_url text CHECK (length(logo_url) <= 2048 AND logo_url ~* '^https://');

CREATE INDEX people_directory ON membership.people (organization_id, name, id)
  WHERE consent_directory;
