-- Taken by every intake transaction before it stores messages: intakes run one at a time, so
-- messages.seq (the change feed's order) becomes visible in increasing order.
SELECT pg_advisory_xact_lock(hashtext('notifications.intake')) IS NOT NULL AS locked
