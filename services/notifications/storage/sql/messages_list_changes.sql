-- The change feed: messages in the feed after seq $1, in seq (commit) order, $2 of them.
SELECT seq,
       type,
       subject_id,
       (extract(epoch FROM occurred_at) * 1000000)::bigint AS occurred_at_us
FROM notifications.messages
WHERE in_feed AND seq > $1
ORDER BY seq
LIMIT $2
