SELECT code, name::text AS name FROM membership.service_categories ORDER BY position
