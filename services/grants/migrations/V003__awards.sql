-- Grants awarded, their payment tranches and the grantee's reports.
CREATE TABLE grants.grants (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id    uuid NOT NULL UNIQUE REFERENCES grants.applications (id),  -- once
  call_id           uuid NOT NULL REFERENCES grants.calls (id),
  organization_id   uuid NOT NULL,
  organization_name text NOT NULL,
  country           text NOT NULL,
  project_title     text NOT NULL,
  currency          text NOT NULL,
  amount            bigint NOT NULL CHECK (amount > 0),
  contract_number   text NOT NULL UNIQUE,
  starts_on         date NOT NULL,
  ends_on           date NOT NULL,
  awarded_at        timestamptz NOT NULL DEFAULT now(),
  -- Sums of its tranches, kept under the grant's row lock like the call's `awarded`.
  planned           bigint NOT NULL DEFAULT 0 CHECK (planned >= 0 AND planned <= amount),
  paid              bigint NOT NULL DEFAULT 0 CHECK (paid >= 0 AND paid <= amount),
  version           bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_on <= ends_on)
);

CREATE INDEX grants_keyset ON grants.grants (created_at, id);
CREATE INDEX grants_call ON grants.grants (call_id, created_at, id);
CREATE INDEX grants_organization ON grants.grants (organization_id, created_at, id);

CREATE TABLE grants.tranches (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  grant_id          uuid NOT NULL REFERENCES grants.grants (id),
  amount            bigint NOT NULL CHECK (amount > 0),
  due_on            date NOT NULL,
  requires_report   text CHECK (requires_report IN ('interim', 'final')),
  status            text NOT NULL DEFAULT 'planned'
                      CHECK (status IN ('planned', 'paid', 'cancelled')),
  paid_on           date,
  status_note       text,
  status_changed_at timestamptz,
  version           bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'paid') = (paid_on IS NOT NULL))
);

CREATE INDEX tranches_grant ON grants.tranches (grant_id, due_on, id);

CREATE TABLE grants.reports (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  grant_id          uuid NOT NULL REFERENCES grants.grants (id),
  kind              text NOT NULL CHECK (kind IN ('interim', 'final')),
  narrative         text NOT NULL CHECK (length(narrative) BETWEEN 1 AND 20000),
  spent             bigint NOT NULL CHECK (spent >= 0),
  status            text NOT NULL DEFAULT 'submitted'
                      CHECK (status IN ('submitted', 'accepted', 'returned')),
  status_note       text,
  status_changed_at timestamptz,
  submitted_at      timestamptz NOT NULL DEFAULT now(),
  version           bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX reports_grant ON grants.reports (grant_id, created_at, id);
