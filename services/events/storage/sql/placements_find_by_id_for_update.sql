-- One placement by id, its row locked until the transaction ends: changes and logged sessions
-- take turns.
SELECT {{placements_columns}}
FROM events.placements
WHERE id = $1::uuid
FOR UPDATE
