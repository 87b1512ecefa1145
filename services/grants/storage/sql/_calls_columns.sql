-- The columns every calls statement returns, named: the repository reads a row by these names
-- in one place. Included as {{calls_columns}}. Allocations come as one jsonb array.
id::text AS id, title::text AS title, description::text AS description,
  (extract(epoch FROM opens_at) * 1000000)::bigint AS opens_at_us,
  (extract(epoch FROM closes_at) * 1000000)::bigint AS closes_at_us,
  timezone, currency, budget, max_award, array_to_json(eligible_countries)::text AS eligible_countries,
  criteria::text AS criteria,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('country', a.country, 'amount', a.amount,
                                                'awarded', a.awarded) ORDER BY a.country),
                   '[]'::jsonb)::text
     FROM grants.call_allocations a WHERE a.call_id = calls.id) AS allocations,
  status, coalesce(status_note, '') AS status_note,
  (extract(epoch FROM status_changed_at) * 1000000)::bigint AS status_changed_at_us,
  awarded, grant_count, version,
  (extract(epoch FROM created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_at_us
