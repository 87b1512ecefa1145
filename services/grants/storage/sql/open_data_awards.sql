-- Every grant as 360Giving publishes it, oldest award first, with `version`: the sum of the row
-- versions of the grants and of their calls, which grows with every change of either (rows are
-- never deleted), the gateway's ETag. Planned duration: whole months of starts_on..ends_on,
-- a remainder of 15 days or more counting as one more month. One statement: one snapshot.
SELECT g.id::text AS id, g.project_title, c.id::text AS call_id, c.title::text AS call_title,
       g.currency, a.requested, g.amount,
       (extract(epoch FROM g.awarded_at) * 1000000)::bigint AS awarded_at_us, c.timezone,
       g.organization_id::text AS organization_id, g.organization_name, g.country,
       to_char(g.starts_on, 'YYYY-MM-DD') AS starts_on,
       to_char(g.ends_on, 'YYYY-MM-DD') AS ends_on,
       (extract(year FROM p.span) * 12 + extract(month FROM p.span)
        + CASE WHEN extract(day FROM p.span) >= 15 THEN 1 ELSE 0 END)::int AS duration_months,
       (extract(epoch FROM g.updated_at) * 1000000)::bigint AS modified_us,
       (sum(g.version) OVER ()
        + (SELECT coalesce(sum(k.version), 0)
             FROM grants.calls k
            WHERE k.id IN (SELECT call_id FROM grants.grants)))::bigint AS version
FROM grants.grants g
JOIN grants.calls c ON c.id = g.call_id
JOIN grants.applications a ON a.id = g.application_id
CROSS JOIN LATERAL (SELECT age((g.ends_on + 1)::timestamp, g.starts_on::timestamp) AS span) p
ORDER BY g.awarded_at, g.id
