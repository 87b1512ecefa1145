-- The search vectors of document $1, recomputed in the transaction of every change of its
-- metadata, files or publication (documents.refresh_search, migration V004).
SELECT documents.refresh_search($1::uuid) AS refreshed  -- NULL: no such document
