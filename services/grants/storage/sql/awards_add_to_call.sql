-- Adds a grant to its call, under the call's row lock; the condition (and the CHECK on
-- `awarded`) keep the sum within the budget whatever the caller checked. Returns the grant's
-- sequence number within the call.
UPDATE grants.calls
SET awarded = awarded + $2, grant_count = grant_count + 1, version = version + 1,
    updated_at = now()
WHERE id = $1::uuid AND awarded + $2 <= budget
RETURNING grant_count
