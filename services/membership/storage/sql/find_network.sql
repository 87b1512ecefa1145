SELECT country, name::text AS name, status, secretariat, coordinator, version,
       (extract(epoch FROM created_at) * 1000000)::bigint AS created_at_us,
       (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_at_us
FROM membership.networks WHERE country = $1
