-- A new programme: $1 kind, $2 name and $3 description (jsonb), $4 starts_on, $5 ends_on.
INSERT INTO events.programmes (kind, name, description, starts_on, ends_on)
VALUES ($1, $2::jsonb, $3::jsonb, $4::date, $5::date)
RETURNING {{programmes_columns}}
