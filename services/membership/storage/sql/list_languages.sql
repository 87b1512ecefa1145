SELECT code, name, native_name FROM membership.languages ORDER BY position
