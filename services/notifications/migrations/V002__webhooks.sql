-- Webhook endpoints (Standard Webhooks) and their deliveries: one per message per endpoint,
-- with every attempt kept. The webhook-id of a delivery is its message's id.
CREATE TABLE notifications.webhook_endpoints (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id         text NOT NULL,  -- the creating user
  owner_role       text NOT NULL,  -- its role then: what the endpoint may receive
  url              text NOT NULL,
  topics           text[] NOT NULL,
  description      text NOT NULL DEFAULT '',
  active           boolean NOT NULL DEFAULT true,
  disabled_reason  text,
  -- The signing secrets, sealed with IRIS_WEBHOOK_SECRET_KEY (libsodium secretbox:
  -- nonce || box), never stored in the clear.
  secret_sealed    bytea NOT NULL,
  previous_secret_sealed bytea,
  previous_secret_expires_at timestamptz,
  version          bigint NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_owner ON notifications.webhook_endpoints (owner_id, created_at, id);
CREATE INDEX webhook_endpoints_keyset ON notifications.webhook_endpoints (created_at, id);

-- Deleting an endpoint deletes its deliveries: nothing of it is sent again.
CREATE TABLE notifications.webhook_deliveries (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  endpoint_id     uuid NOT NULL REFERENCES notifications.webhook_endpoints (id) ON DELETE CASCADE,
  message_id      uuid NOT NULL REFERENCES notifications.messages (id),
  status          text NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempt_count   integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz DEFAULT now(),  -- while pending
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (endpoint_id, message_id)
);
CREATE INDEX webhook_deliveries_due ON notifications.webhook_deliveries (next_attempt_at)
  WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_endpoint
  ON notifications.webhook_deliveries (endpoint_id, created_at DESC, id DESC);

CREATE TABLE notifications.webhook_attempts (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id     uuid NOT NULL REFERENCES notifications.webhook_deliveries (id) ON DELETE CASCADE,
  attempted_at    timestamptz NOT NULL DEFAULT now(),
  response_status integer NOT NULL DEFAULT 0,
  error           text,
  duration_ms     integer NOT NULL DEFAULT 0
);
CREATE INDEX webhook_attempts_by_delivery ON notifications.webhook_attempts (delivery_id, id);
