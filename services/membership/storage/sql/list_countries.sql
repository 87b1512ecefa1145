SELECT code, name::text FROM membership.countries ORDER BY position
