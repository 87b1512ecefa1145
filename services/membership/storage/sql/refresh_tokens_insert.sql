-- A new refresh token: of the family $1, or of a new one when $1 is ''. Lives $4 seconds.
-- $5: the account's token version it was issued under (Refresh compares it with the account's).
INSERT INTO membership.refresh_tokens (family_id, user_id, token_hash, expires_at, token_version)
VALUES (COALESCE(NULLIF($1, '')::uuid, gen_random_uuid()), $2::uuid, $3,
        now() + make_interval(secs => $4::bigint), $5::integer)
RETURNING (extract(epoch FROM expires_at) * 1000000)::bigint AS expires_at_us
