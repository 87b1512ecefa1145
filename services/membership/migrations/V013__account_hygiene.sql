-- Account hygiene (issue 14): a network admin disables an account, and a password change ends
-- the account's other sessions. disabled_at: set while disabled (sign-in, refresh, its tokens and
-- its API keys all refused). token_version: in every access token (claim "tv"); the gateway
-- refuses a token whose version is not the account's, so bumping it ends every token issued so
-- far (password change, disabling).
ALTER TABLE membership.users
  ADD COLUMN disabled_at timestamptz,
  ADD COLUMN token_version integer NOT NULL DEFAULT 1 CHECK (token_version > 0);

-- The account's token version when the session's token was issued: a refresh of a session from
-- before a password change or a disabling is refused even if the change's revocation did not
-- see it (a refresh committing concurrently inserts its successor after the change's snapshot).
ALTER TABLE membership.refresh_tokens
  ADD COLUMN token_version integer NOT NULL DEFAULT 1;
