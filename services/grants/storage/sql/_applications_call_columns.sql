-- What an application is checked against: its call's state, window, money and criteria.
-- Included as {{applications_call_columns}}.
id::text AS id, status,
  (extract(epoch FROM opens_at) * 1000000)::bigint AS opens_at_us,
  (extract(epoch FROM closes_at) * 1000000)::bigint AS closes_at_us,
  currency, max_award, array_to_json(eligible_countries)::text AS eligible_countries,
  criteria::text AS criteria
