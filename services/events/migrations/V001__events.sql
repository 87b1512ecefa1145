-- Events (DOMAIN.md events): academies, peer reviews, hearings, trainings, with their agenda
-- sessions. Times are instants (timestamptz); `timezone` says which local days the event has.
CREATE TABLE events.events (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind                     text NOT NULL CHECK (kind IN ('academy', 'training',
                             'training_of_trainers', 'peer_review', 'public_hearing',
                             'conference', 'partnership_meeting', 'study_tour', 'media_caravan',
                             'civil_dialogue', 'eu_event', 'other')),
  title                    jsonb NOT NULL,              -- {"en": "...", ...}
  description              jsonb NOT NULL DEFAULT '{}',
  edition                  text NOT NULL DEFAULT '',
  theme                    jsonb NOT NULL DEFAULT '{}',
  format                   text NOT NULL CHECK (format IN ('online', 'in_person', 'hybrid')),
  venue                    text NOT NULL DEFAULT '',
  city                     text NOT NULL DEFAULT '',
  location_country         text NOT NULL DEFAULT '' CHECK (location_country ~ '^([A-Z]{2})?$'),
  online_url               text NOT NULL DEFAULT '',
  starts_at                timestamptz NOT NULL,
  ends_at                  timestamptz NOT NULL,
  timezone                 text NOT NULL DEFAULT 'Europe/Belgrade',
  languages                text[] NOT NULL DEFAULT '{}',
  language_requirement     jsonb NOT NULL DEFAULT '{}',
  capacity                 integer CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 100000),
  audience                 text NOT NULL DEFAULT 'members'
                             CHECK (audience IN ('members', 'public', 'invited')),
  country                  text NOT NULL DEFAULT '' CHECK (country ~ '^([A-Z]{2})?$'),  -- '' regional
  host_organization_id     uuid,
  partner_organization_ids uuid[] NOT NULL DEFAULT '{}',
  registration_mode        text NOT NULL DEFAULT 'open'
                             CHECK (registration_mode IN ('open', 'application')),
  registration_opens_at    timestamptz,
  registration_closes_at   timestamptz,
  certificate_threshold    integer NOT NULL DEFAULT 80
                             CHECK (certificate_threshold BETWEEN 1 AND 100),
  status                   text NOT NULL DEFAULT 'draft'
                             CHECK (status IN ('draft', 'published', 'completed', 'cancelled')),
  status_note              text,
  status_changed_at        timestamptz,
  -- The places, kept here under the event's row lock by every registration change, so that
  -- concurrent registrations and selections are checked against one number and the CHECK
  -- below holds whatever the code does: never over capacity.
  taken                    integer NOT NULL DEFAULT 0 CHECK (taken >= 0),  -- selected + confirmed
  waitlisted               integer NOT NULL DEFAULT 0 CHECK (waitlisted >= 0),
  submitted                integer NOT NULL DEFAULT 0 CHECK (submitted >= 0),
  version                  bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_at < ends_at),
  CHECK (capacity IS NULL OR taken <= capacity),
  CHECK (registration_opens_at IS NULL OR registration_closes_at IS NULL
         OR registration_opens_at < registration_closes_at)
);

CREATE INDEX events_starts_at ON events.events (starts_at, id);
CREATE INDEX events_country_starts_at ON events.events (country, starts_at, id);

-- Agenda sessions, inside their event's time (checked by the service under the event's lock).
CREATE TABLE events.sessions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id    uuid NOT NULL REFERENCES events.events (id) ON DELETE CASCADE,
  title       jsonb NOT NULL,
  description jsonb NOT NULL DEFAULT '{}',
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL,
  speakers    jsonb NOT NULL DEFAULT '[]',  -- [{"name", "organization"}]
  version     bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_at < ends_at)
);

CREATE INDEX sessions_event_starts_at ON events.sessions (event_id, starts_at, id);
