-- The next sequence number of the year $1 ("SGS-<year>-<nnn>"), read under that year's lock.
SELECT coalesce(max(substring(contract_number FROM 10)::int), 0) + 1 AS next
FROM grants.grants
WHERE contract_number LIKE 'SGS-' || $1::int::text || '-%'
