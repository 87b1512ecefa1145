-- A new refresh token: of the family $1, or of a new one when $1 is ''. Lives $4 seconds.
INSERT INTO membership.refresh_tokens (family_id, user_id, token_hash, expires_at)
VALUES (COALESCE(NULLIF($1, '')::uuid, gen_random_uuid()), $2::uuid, $3,
        now() + make_interval(secs => $4::bigint))
RETURNING (extract(epoch FROM expires_at) * 1000000)::bigint AS expires_at_us
