-- A session logged on placement $1 ($2 date, $3 minutes, $4 note), added to the placement's
-- counters in the same statement (the caller holds the placement's row lock and has checked
-- the cap, so the CHECK on session_count never fires here).
WITH counted AS (
  UPDATE events.placements
  SET session_count = session_count + 1, total_minutes = total_minutes + $3::integer,
      version = version + 1, updated_at = now()
  WHERE id = $1::uuid
  RETURNING id
)
INSERT INTO events.mentoring_sessions (placement_id, date, minutes, note)
SELECT counted.id, $2::date, $3::integer, $4
FROM counted
RETURNING {{mentoring_sessions_columns}}
