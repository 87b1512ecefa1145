-- Serializes everything done to one session (refresh, reuse revocation, logout): a
-- transaction-scoped advisory lock on the family of the token with this hash, taken before the
-- token's row is read. Under READ COMMITTED a revocation waiting only for a row lock would not
-- see a successor token committed meanwhile, and that token would outlive the revocation.
SELECT pg_advisory_xact_lock(hashtextextended(family_id::text, 0))
FROM membership.refresh_tokens
WHERE token_hash = $1
