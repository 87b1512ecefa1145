-- A new endpoint: $1 owner, $2 its role, $3 url, $4 topics (text[] literal), $5 description,
-- $6 the sealed secret in hex.
INSERT INTO notifications.webhook_endpoints
  (owner_id, owner_role, url, topics, description, secret_sealed)
VALUES ($1, $2, $3, $4::text[], $5, decode($6, 'hex'))
RETURNING {{webhook_endpoints_columns}}
