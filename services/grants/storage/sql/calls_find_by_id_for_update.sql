-- One call by id, its row locked until the transaction ends (the lock awards take too).
SELECT {{calls_columns}}
FROM grants.calls
WHERE id = $1
FOR UPDATE
