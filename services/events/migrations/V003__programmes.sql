-- Programmes that run for months (traineeships, mentoring), their placements and the
-- mentoring sessions logged on them.
CREATE TABLE events.programmes (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind        text NOT NULL CHECK (kind IN ('traineeship', 'mentoring')),
  name        jsonb NOT NULL,
  description jsonb NOT NULL DEFAULT '{}',
  starts_on   date NOT NULL,
  ends_on     date NOT NULL,
  placements  integer NOT NULL DEFAULT 0 CHECK (placements >= 0),
  version     bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_on <= ends_on)
);

CREATE INDEX programmes_starts_on ON events.programmes (starts_on, id);

CREATE TABLE events.placements (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_id      uuid NOT NULL REFERENCES events.programmes (id) ON DELETE CASCADE,
  kind              text NOT NULL CHECK (kind IN ('traineeship', 'mentoring')),
  organization_id   uuid NOT NULL,
  country           text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  trainee_name      text NOT NULL DEFAULT '',
  trainee_email     text NOT NULL DEFAULT '',
  host_organization text NOT NULL DEFAULT '',
  starts_on         date,
  ends_on           date,
  mentor_name       text NOT NULL DEFAULT '',
  mentor_email      text NOT NULL DEFAULT '',
  topic             text NOT NULL DEFAULT '',
  outcome           text NOT NULL DEFAULT '',
  session_count     integer NOT NULL DEFAULT 0 CHECK (session_count BETWEEN 0 AND 500),
  total_minutes     integer NOT NULL DEFAULT 0 CHECK (total_minutes >= 0),
  version           bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on)
);

CREATE INDEX placements_programme ON events.placements (programme_id, created_at, id);
CREATE INDEX placements_programme_org ON events.placements (programme_id, organization_id, created_at, id);

CREATE TABLE events.mentoring_sessions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  placement_id uuid NOT NULL REFERENCES events.placements (id) ON DELETE CASCADE,
  date         date NOT NULL,
  minutes      integer NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  note         text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX mentoring_sessions_placement ON events.mentoring_sessions (placement_id, date, created_at, id);
