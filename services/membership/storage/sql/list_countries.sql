SELECT code, name::text AS name FROM membership.countries ORDER BY position
