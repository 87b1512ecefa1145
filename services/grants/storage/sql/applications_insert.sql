INSERT INTO grants.applications (call_id, organization_id, project_title, summary, requested,
                                 duration_months, budget_lines)
VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7::jsonb)
RETURNING {{applications_columns}}
