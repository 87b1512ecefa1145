array_to_json(topics)::text AS topics,
array_to_json(countries)::text AS countries,
array_to_json(channels)::text AS channels,
language,
(extract(epoch FROM updated_at) * 1000000)::bigint AS updated_at_us
