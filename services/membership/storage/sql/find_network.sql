SELECT country, name::text, status, secretariat, coordinator, version,
       (extract(epoch FROM created_at) * 1000000)::bigint,
       (extract(epoch FROM updated_at) * 1000000)::bigint
FROM membership.networks WHERE country = $1
