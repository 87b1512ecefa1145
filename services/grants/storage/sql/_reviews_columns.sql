-- The columns every reviews statement returns. Included as {{reviews_columns}}.
id::text AS id, application_id::text AS application_id, reviewer_id::text AS reviewer_id,
  scores::text AS scores, comment, (score * 100)::bigint AS score_hundredths, version,
  (extract(epoch FROM created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_at_us
