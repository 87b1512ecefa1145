-- A call's figures per country of its applicants ($1, a uuid): applications submitted (withdrawn
-- later or not) and the sum of their requests, grants and the sum of their amounts. One row per
-- country ('' for applications without one), or a single row with a NULL country when the call
-- has neither; no row when there is no such call. One statement: one snapshot.
WITH apps AS (
  SELECT coalesce(a.country, '') AS country, count(*) AS applications,
         sum(a.requested)::bigint AS requested
  FROM grants.applications a
  WHERE a.call_id = $1::uuid AND a.submitted_at IS NOT NULL
  GROUP BY 1
), awards AS (
  SELECT g.country, count(*) AS awards, sum(g.amount)::bigint AS awarded
  FROM grants.grants g
  WHERE g.call_id = $1::uuid
  GROUP BY 1
), figures AS (
  SELECT country, coalesce(apps.applications, 0) AS applications,
         coalesce(apps.requested, 0) AS requested, coalesce(awards.awards, 0) AS awards,
         coalesce(awards.awarded, 0) AS awarded
  FROM apps FULL JOIN awards USING (country)
)
SELECT c.status, c.currency, f.country, f.applications, f.requested, f.awards, f.awarded
FROM grants.calls c LEFT JOIN figures f ON true
WHERE c.id = $1::uuid
ORDER BY f.country
