-- The figures across calls: the non-draft calls whose opening falls in years $1..$2 (each in
-- the call's time zone; 0 leaves that end open), grouped by currency, year and the applicants'
-- country. Each year's row(s) repeat its number of calls; a year without figures has one row
-- with country '' and zeros, as have applications that carry no country. One statement: one
-- snapshot.
WITH selected AS (
  SELECT id, currency, year
  FROM (SELECT id, currency, extract(year FROM opens_at AT TIME ZONE timezone)::int AS year
        FROM grants.calls
        WHERE status <> 'draft') c
  WHERE ($1::int = 0 OR year >= $1::int) AND ($2::int = 0 OR year <= $2::int)
), years AS (
  SELECT currency, year, count(*) AS calls FROM selected GROUP BY 1, 2
), apps AS (
  SELECT s.currency, s.year, coalesce(a.country, '') AS country, count(*) AS applications,
         sum(a.requested)::bigint AS requested
  FROM selected s JOIN grants.applications a ON a.call_id = s.id
  WHERE a.submitted_at IS NOT NULL
  GROUP BY 1, 2, 3
), awards AS (
  SELECT s.currency, s.year, g.country, count(*) AS awards, sum(g.amount)::bigint AS awarded
  FROM selected s JOIN grants.grants g ON g.call_id = s.id
  GROUP BY 1, 2, 3
), figures AS (
  SELECT currency, year, country, coalesce(apps.applications, 0) AS applications,
         coalesce(apps.requested, 0) AS requested, coalesce(awards.awards, 0) AS awards,
         coalesce(awards.awarded, 0) AS awarded
  FROM apps FULL JOIN awards USING (currency, year, country)
)
SELECT y.currency, y.year, y.calls, coalesce(f.country, '') AS country,
       coalesce(f.applications, 0) AS applications, coalesce(f.requested, 0) AS requested,
       coalesce(f.awards, 0) AS awards, coalesce(f.awarded, 0) AS awarded
FROM years y LEFT JOIN figures f USING (currency, year)
ORDER BY y.currency, y.year, 4
