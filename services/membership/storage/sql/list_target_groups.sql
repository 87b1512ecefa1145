SELECT code, name::text FROM membership.target_groups ORDER BY position
