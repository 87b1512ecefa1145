-- $2 true: disable (tokens end: token_version moves on, so enabling again revives none);
-- false: enable. No row: no such user. Unchanged state still answers the row (idempotent).
UPDATE membership.users
SET disabled_at = CASE WHEN $2::boolean THEN coalesce(disabled_at, now()) ELSE NULL END,
    token_version = token_version +
      CASE WHEN $2::boolean AND disabled_at IS NULL THEN 1 ELSE 0 END,
    version = version + CASE WHEN (disabled_at IS NOT NULL) = $2::boolean THEN 0 ELSE 1 END,
    updated_at = CASE WHEN (disabled_at IS NOT NULL) = $2::boolean THEN updated_at ELSE now() END
WHERE id = $1::uuid
RETURNING {{users_columns}}
