-- Messages every service's outbox relay publishes (ARCHITECTURE.md "Messages between
-- services"), stored once by id, and what they fan out to: the change feed (seq), inboxes and
-- mails. Webhooks: V002.

-- One row per message, whatever the number of times it was delivered here. `seq` is the
-- change feed's order: Publish takes one transaction-level advisory lock before inserting, so
-- seq values become visible in increasing order and a feed reader never skips a message that
-- commits late (a plain identity would hand 11 to a transaction that commits before 10's).
CREATE TABLE notifications.messages (
  id           uuid PRIMARY KEY,
  seq          bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  source       text NOT NULL CHECK (source ~ '^[a-z][a-z_]*$'),
  type         text NOT NULL CHECK (type ~ '^[a-z_]+(\.[a-z_]+)+$'),
  subject_id   text NOT NULL,
  -- The countries it concerns: the outbox row's country, else the payload's
  -- eligible_countries / countries; empty: regional (matches every subscription).
  countries    text[] NOT NULL DEFAULT '{}',
  organization_id text,  -- the organisation it concerns (audience "organization")
  person_id    text,     -- the one person it concerns (e.g. the reviewer assigned), if any
  audience     text NOT NULL CHECK (audience IN ('public', 'organization', 'staff', 'internal')),
  in_feed      boolean NOT NULL,
  actor        text,
  request_id   text,
  payload      jsonb NOT NULL DEFAULT '{}',  -- thin; never contact data (stripped at intake)
  source_position bigint,
  occurred_at  timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_feed ON notifications.messages (seq) WHERE in_feed;

-- The people notifications may write to, learnt from membership.user.* messages (their
-- payload carries the contact; nothing else here asks membership).
CREATE TABLE notifications.recipients (
  id              text PRIMARY KEY,  -- the user id (the caller's subject)
  email           text NOT NULL,
  name            text NOT NULL DEFAULT '',
  role            text NOT NULL,
  organization_id text,
  country         text,
  active          boolean NOT NULL DEFAULT true,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- What a person chose; without a row, its role's defaults (role_defaults) apply.
CREATE TABLE notifications.subscriptions (
  recipient_id text PRIMARY KEY,  -- the user id; may precede the recipients row
  topics       text[] NOT NULL,
  countries    text[] NOT NULL DEFAULT '{}',
  channels     text[] NOT NULL CHECK (channels <@ ARRAY['inbox', 'email']::text[]),
  language     text NOT NULL DEFAULT 'en',
  version      bigint NOT NULL DEFAULT 1,
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Each role's subscriptions until a person chooses (coordinators: their own country, which
-- the fan-out reads from recipients).
CREATE TABLE notifications.role_defaults (
  role      text PRIMARY KEY,
  topics    text[] NOT NULL,
  channels  text[] NOT NULL,
  own_country_only boolean NOT NULL DEFAULT false
);
INSERT INTO notifications.role_defaults (role, topics, channels, own_country_only) VALUES
  ('network_admin', ARRAY['membership.application.submitted', 'grants.application.submitted',
                          'grants.report.submitted', 'documents.document.submitted'],
   ARRAY['inbox', 'email'], false),
  ('national_coordinator', ARRAY['membership.application.*', 'events.*',
                                 'documents.document.submitted', 'documents.document.published'],
   ARRAY['inbox', 'email'], true),
  ('member', ARRAY['grants.call.opened', 'grants.call.closing', 'grants.application.*',
                   'grants.grant.*', 'grants.tranche.*', 'grants.report.*',
                   'events.event.published', 'events.registration.*',
                   'documents.document.published'],
   ARRAY['inbox', 'email'], false),
  ('reviewer', ARRAY['grants.reviewer.assigned'], ARRAY['inbox', 'email'], false),
  ('partner', ARRAY[]::text[], ARRAY['inbox'], false);

-- One inbox item per message per person, whatever the redeliveries.
CREATE TABLE notifications.inbox (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recipient_id text NOT NULL,
  message_id   uuid NOT NULL REFERENCES notifications.messages (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  read_at      timestamptz,
  UNIQUE (recipient_id, message_id)
);
CREATE INDEX inbox_by_recipient ON notifications.inbox (recipient_id, created_at DESC, id DESC);
CREATE INDEX inbox_unread ON notifications.inbox (recipient_id, created_at DESC, id DESC)
  WHERE read_at IS NULL;

-- One mail per message per person; the mail worker sends pending rows (FOR UPDATE SKIP
-- LOCKED) and retries with backoff while the SMTP server refuses.
CREATE TABLE notifications.mail_queue (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  message_id      uuid NOT NULL REFERENCES notifications.messages (id),
  recipient_id    text NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  sent_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (message_id, recipient_id)
);
CREATE INDEX mail_queue_due ON notifications.mail_queue (next_attempt_at) WHERE status = 'pending';

-- Deadlines learnt from messages (a call's closes_at), for reminders: one reminder message per
-- deadline, sent IRIS_REMINDER_LEAD before it. A moved deadline is a new one.
CREATE TABLE notifications.deadlines (
  kind         text NOT NULL,  -- the reminder's type, e.g. grants.call.closing
  subject_id   text NOT NULL,
  due_at       timestamptz NOT NULL,
  countries    text[] NOT NULL DEFAULT '{}',
  payload      jsonb NOT NULL DEFAULT '{}',  -- thin: what the reminder's data carries
  reminded_at  timestamptz,  -- set when its reminder message was stored
  PRIMARY KEY (kind, subject_id)
);
CREATE INDEX deadlines_due ON notifications.deadlines (due_at) WHERE reminded_at IS NULL;
