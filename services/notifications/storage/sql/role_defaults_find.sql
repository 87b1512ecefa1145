-- Role $1's subscriptions until a person of it chooses; no row: the role receives nothing.
SELECT array_to_json(topics)::text AS topics,
       array_to_json(channels)::text AS channels,
       own_country_only
FROM notifications.role_defaults
WHERE role = $1
