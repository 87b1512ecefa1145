-- Contract numbers run per year across calls ("SGS-2021-007" is unique): awards of one year
-- take their numbers one at a time, under this lock until they commit.
SELECT pg_advisory_xact_lock(hashtext('grants.contract_number'), $1::int) AS locked
