-- A call's applications past draft (withdrawn ones aside), highest score first, unscored last,
-- then in the order they were submitted.
SELECT {{applications_columns}}
FROM grants.applications
WHERE call_id = $1::uuid AND status IN ('submitted', 'under_review', 'awarded', 'rejected')
ORDER BY score DESC NULLS LAST, submitted_at, id
