-- As applications_find_call, share-locked: a close or a change of the call's window waits for
-- the submission holding it, or the submission sees the call as it is after them.
SELECT {{applications_call_columns}}
FROM grants.calls WHERE id = $1::uuid
FOR SHARE
