-- Refresh tokens of browser sessions (proto sessions.proto): one row per token, a session is a
-- family of rotated tokens. Only a SHA-256 of each token is kept.
CREATE TABLE membership.refresh_tokens (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  family_id  uuid NOT NULL,
  user_id    uuid NOT NULL REFERENCES membership.users (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,  -- rotated: a second use is a replay
  revoked_at timestamptz
);

CREATE INDEX refresh_tokens_family ON membership.refresh_tokens (family_id);
