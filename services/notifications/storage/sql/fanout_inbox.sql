-- Inbox items of the new messages $1 (uuid[]) for every active person whose effective
-- subscription takes them on the inbox channel and who may see them; once per person.
INSERT INTO notifications.inbox (recipient_id, message_id)
SELECT matches.recipient_id, matches.message_id
FROM ({{fanout_matches}}) AS matches
WHERE 'inbox' = ANY(matches.channels)
ORDER BY matches.seq
ON CONFLICT (recipient_id, message_id) DO NOTHING
