-- Moves a grant's tranche sums by ($2 planned, $3 paid) under its row lock; no row when they
-- would leave 0..amount (the CHECKs are the backstop).
UPDATE grants.grants
SET planned = planned + $2, paid = paid + $3, version = version + 1, updated_at = now()
WHERE id = $1::uuid AND planned + $2 BETWEEN 0 AND amount AND paid + $3 BETWEEN 0 AND amount
RETURNING {{awards_columns}}
