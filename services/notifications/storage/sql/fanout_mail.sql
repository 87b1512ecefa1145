-- Mails to send of the new messages $1 (uuid[]): as fanout_inbox, on the email channel.
INSERT INTO notifications.mail_queue (message_id, recipient_id)
SELECT matches.message_id, matches.recipient_id
FROM ({{fanout_matches}}) AS matches
WHERE 'email' = ANY(matches.channels)
ORDER BY matches.seq
ON CONFLICT (message_id, recipient_id) DO NOTHING
