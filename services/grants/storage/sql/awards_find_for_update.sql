-- A grant locked until the transaction ends: its tranches' sums change under this lock.
SELECT {{awards_columns}}
FROM grants.grants WHERE id = $1::uuid
FOR UPDATE
