-- Participation: registrations, the days attended and certificates.
CREATE TABLE events.registrations (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id           uuid NOT NULL REFERENCES events.events (id) ON DELETE CASCADE,
  person_name        text NOT NULL,
  person_email       text NOT NULL,
  organization_id    uuid,
  motivation         text NOT NULL DEFAULT '',
  registered_by      text NOT NULL DEFAULT '',  -- the caller's subject ('' anonymous)
  status             text NOT NULL CHECK (status IN ('submitted', 'selected', 'waitlisted',
                       'rejected', 'confirmed', 'cancelled')),
  status_note        text,
  status_changed_at  timestamptz,
  -- The waiting list's order: set when a registration is waitlisted, so the first waitlisted
  -- is the one waiting longest, whatever order the rows were created in.
  waitlisted_at      timestamptz,
  attended_days      date[] NOT NULL DEFAULT '{}',
  certificate_code   text UNIQUE,
  version            bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX registrations_event ON events.registrations (event_id, created_at, id);
CREATE INDEX registrations_event_org ON events.registrations (event_id, organization_id, created_at, id);
CREATE INDEX registrations_waitlist ON events.registrations (event_id, waitlisted_at, id)
  WHERE status = 'waitlisted';
-- One live registration per person and event (a cancelled or rejected one may register again).
CREATE UNIQUE INDEX registrations_one_per_person ON events.registrations (event_id, lower(person_email))
  WHERE status NOT IN ('cancelled', 'rejected');
