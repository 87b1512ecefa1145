-- What the application's score is made of: the sum of its reviews' weighted sums (hundredths)
-- and their number.
SELECT coalesce(sum((score * 100)::bigint), 0)::bigint AS weighted_sums,
  count(*)::bigint AS review_count
FROM grants.reviews WHERE application_id = $1::uuid
