SELECT n.country, n.name::text AS name, n.status, n.secretariat, n.coordinator, n.version,
       (extract(epoch FROM n.created_at) * 1000000)::bigint AS created_at_us,
       (extract(epoch FROM n.updated_at) * 1000000)::bigint AS updated_at_us
FROM membership.networks n JOIN membership.countries c ON c.code = n.country
ORDER BY c.position
