-- Account hygiene (issue 14): a network admin disables an account, and a password change ends
-- the account's other sessions. disabled_at: set while disabled (sign-in, refresh, its tokens and
-- its API keys all refused). token_version: in every access token (claim "tv"); the gateway
-- refuses a token whose version is not the account's, so bumping it ends every token issued so
-- far (password change, disabling).
ALTER TABLE membership.users
  ADD COLUMN disabled_at timestamptz,
  ADD COLUMN token_version integer NOT NULL DEFAULT 1 CHECK (token_version > 0);
