SELECT n.country, n.name::text, n.status, n.secretariat, n.coordinator, n.version,
       (extract(epoch FROM n.created_at) * 1000000)::bigint,
       (extract(epoch FROM n.updated_at) * 1000000)::bigint
FROM membership.networks n JOIN membership.countries c ON c.code = n.country
ORDER BY c.position
