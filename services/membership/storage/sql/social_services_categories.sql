SELECT code, name::text FROM membership.service_categories ORDER BY position
