-- One programme by id.
SELECT {{programmes_columns}}
FROM events.programmes
WHERE id = $1::uuid
