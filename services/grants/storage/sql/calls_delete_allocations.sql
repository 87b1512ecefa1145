-- Before a draft's allocations are replaced (only drafts change them: nothing awarded yet).
DELETE FROM grants.call_allocations
WHERE call_id = $1::uuid
