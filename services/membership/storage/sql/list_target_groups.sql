SELECT code, name::text AS name FROM membership.target_groups ORDER BY position
