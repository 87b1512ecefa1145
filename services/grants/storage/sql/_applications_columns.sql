-- The columns every applications statement returns, named: the repository reads a row by these
-- names in one place. Included as {{applications_columns}}. Amounts are in the call's currency
-- (one column of the call's row); grant_id once a grant was awarded.
id::text AS id, call_id::text AS call_id, organization_id::text AS organization_id,
  coalesce(organization_name, '') AS organization_name, coalesce(country, '') AS country,
  project_title, summary, requested, duration_months, budget_lines::text AS budget_lines,
  (SELECT c.currency FROM grants.calls c WHERE c.id = applications.call_id) AS currency,
  status, coalesce(status_note, '') AS status_note,
  (extract(epoch FROM status_changed_at) * 1000000)::bigint AS status_changed_at_us,
  (extract(epoch FROM submitted_at) * 1000000)::bigint AS submitted_at_us,
  (score * 100)::bigint AS score_hundredths, review_count,
  coalesce((SELECT g.id::text FROM grants.grants g WHERE g.application_id = applications.id),
           '') AS grant_id,
  version,
  (extract(epoch FROM created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_at_us
