-- Keyset page of placement $1's sessions in the order of kMentoringSessionSorts (date, then
-- created_at, then id; index mentoring_sessions_placement narrows to the placement's rows).
-- Fetches limit + 1. Columns are qualified: a bare `id` would mean the id::text output column.
SELECT {{mentoring_sessions_columns}}
FROM events.mentoring_sessions
WHERE mentoring_sessions.placement_id = $1::uuid
  AND @after $2 $3 mentoring_sessions.id@
@order_by mentoring_sessions.id@
LIMIT $4
