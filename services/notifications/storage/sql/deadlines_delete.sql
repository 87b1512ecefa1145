-- A deadline that no longer stands (the call closed, the event was cancelled): no reminder.
DELETE FROM notifications.deadlines WHERE kind = $1 AND subject_id = $2
