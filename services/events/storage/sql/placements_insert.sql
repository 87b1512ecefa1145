-- A new placement of programme $1, counted on the programme in the same statement (its version
-- moves with the count, so its ETag does too); no row when the programme is gone.
-- $2 kind, $3 organization_id, $4 country, $5..$9 traineeship fields (dates NULL when none),
-- $10..$13 mentoring fields.
WITH counted AS (
  UPDATE events.programmes
  SET placements = placements + 1, version = version + 1, updated_at = now()
  WHERE id = $1::uuid
  RETURNING id
)
INSERT INTO events.placements (programme_id, kind, organization_id, country, trainee_name,
                               trainee_email, host_organization, starts_on, ends_on,
                               mentor_name, mentor_email, topic, outcome)
SELECT counted.id, $2, $3::uuid, $4, $5, $6, $7, $8::date, $9::date, $10, $11, $12, $13
FROM counted
RETURNING {{placements_columns}}
