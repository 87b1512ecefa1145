-- One placement by id (its sessions: mentoring_sessions_list).
SELECT {{placements_columns}}
FROM events.placements
WHERE id = $1::uuid
