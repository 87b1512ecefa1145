-- Grant applications, reviewer assignments and reviews.
CREATE TABLE grants.applications (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  call_id           uuid NOT NULL REFERENCES grants.calls (id),
  organization_id   uuid NOT NULL,   -- membership's organisation (another schema: no FK)
  organization_name text,            -- as membership answered at submission
  country           text CHECK (country ~ '^[A-Z]{2}$'),  -- likewise
  project_title     text NOT NULL CHECK (length(project_title) BETWEEN 1 AND 300),
  summary           text NOT NULL DEFAULT '' CHECK (length(summary) <= 4000),
  requested         bigint NOT NULL CHECK (requested > 0),
  duration_months   integer NOT NULL CHECK (duration_months BETWEEN 1 AND 36),
  budget_lines      jsonb NOT NULL DEFAULT '[]',  -- [{"category", "description", "amount"}]
  status            text NOT NULL DEFAULT 'draft'
                      CHECK (status IN ('draft', 'submitted', 'under_review', 'awarded',
                                        'rejected', 'withdrawn')),
  status_note       text,
  status_changed_at timestamptz,
  submitted_at      timestamptz,
  score             numeric(5, 2),   -- weighted mean of its reviews
  review_count      integer NOT NULL DEFAULT 0,
  version           bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (call_id, organization_id),   -- one application per organisation and call
  CHECK (status = 'draft' OR status = 'withdrawn' OR submitted_at IS NOT NULL)
);

CREATE INDEX applications_call_keyset ON grants.applications (call_id, created_at, id);
CREATE INDEX applications_organization ON grants.applications (organization_id, created_at, id);

CREATE TABLE grants.reviewer_assignments (
  application_id uuid NOT NULL REFERENCES grants.applications (id),
  reviewer_id    uuid NOT NULL,   -- membership's user
  reviewer_name  text,
  assigned_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (application_id, reviewer_id)
);

CREATE INDEX reviewer_assignments_reviewer ON grants.reviewer_assignments (reviewer_id);

CREATE TABLE grants.reviews (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL,
  reviewer_id    uuid NOT NULL,
  scores         jsonb NOT NULL,   -- {"criterion key": 0..10}
  comment        text NOT NULL DEFAULT '' CHECK (length(comment) <= 4000),
  score          numeric(5, 2) NOT NULL CHECK (score BETWEEN 0 AND 10),
  version        bigint NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (application_id, reviewer_id),   -- each assigned reviewer reviews once
  FOREIGN KEY (application_id, reviewer_id)
    REFERENCES grants.reviewer_assignments (application_id, reviewer_id)
);
