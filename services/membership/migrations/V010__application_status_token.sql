-- The applicant's status link (GET /v1/application-status/{token}): only a SHA-256 of the token
-- is kept. Applications submitted before have none.
ALTER TABLE membership.membership_applications
  ADD COLUMN status_token_hash text UNIQUE CHECK (status_token_hash ~ '^[0-9a-f]{64}$');
