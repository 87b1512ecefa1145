-- Accounts: users who sign in (passwords hashed with libsodium's argon2id) and their API keys
-- (only a SHA-256 of the key is kept). organization_id gets its foreign key with organisations.
CREATE TABLE membership.users (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email           text NOT NULL UNIQUE
                  CHECK (email = lower(email) AND email ~ '^[^@\s]+@[^@\s]+$'),
  name            text NOT NULL CHECK (length(btrim(name)) > 0),
  role            text NOT NULL CHECK (role IN ('network_admin', 'national_coordinator', 'member',
                                                'reviewer', 'partner')),
  organization_id uuid,
  country         text REFERENCES membership.countries (code),
  password_hash   text NOT NULL,
  version         bigint NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_member_has_organization
    CHECK (role <> 'member' OR organization_id IS NOT NULL),
  CONSTRAINT users_coordinator_has_country
    CHECK (role <> 'national_coordinator' OR country IS NOT NULL)
);

CREATE TABLE membership.api_keys (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES membership.users (id),
  name       text NOT NULL CHECK (length(btrim(name)) > 0),
  prefix     text NOT NULL,
  key_hash   text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  scopes     text[] NOT NULL CHECK (cardinality(scopes) > 0 AND
                                    scopes <@ ARRAY['read', 'write', 'webhooks:manage']),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX api_keys_user ON membership.api_keys (user_id, created_at, id);
