-- Grant calls (DOMAIN.md grants): the Small Grants Scheme's calls for proposals. Money is in
-- minor units of the call's one currency; every amount of the call's applications and grants
-- is in it too.
CREATE TABLE grants.calls (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title              jsonb NOT NULL,            -- {"en": "...", ...}
  description        jsonb NOT NULL DEFAULT '{}',
  opens_at           timestamptz NOT NULL,
  closes_at          timestamptz NOT NULL,
  timezone           text NOT NULL DEFAULT 'Europe/Belgrade',
  currency           text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  budget             bigint NOT NULL CHECK (budget > 0),
  max_award          bigint NOT NULL CHECK (max_award > 0 AND max_award <= budget),
  eligible_countries text[] NOT NULL CHECK (cardinality(eligible_countries) >= 1),
  criteria           jsonb NOT NULL,            -- [{"key", "name": {...}, "weight"}]
  status             text NOT NULL DEFAULT 'draft'
                       CHECK (status IN ('draft', 'open', 'closed', 'awarded', 'archived')),
  status_note        text,
  status_changed_at  timestamptz,
  -- The sum of the call's grants: kept here, under the call's row lock, so that concurrent
  -- awards are checked against one number and the CHECK below holds whatever the code does.
  awarded            bigint NOT NULL DEFAULT 0 CHECK (awarded >= 0 AND awarded <= budget),
  grant_count        integer NOT NULL DEFAULT 0 CHECK (grant_count >= 0),  -- contract numbers
  version            bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (opens_at < closes_at)
);

CREATE INDEX calls_keyset ON grants.calls (created_at, id);
CREATE INDEX calls_opens_at ON grants.calls (opens_at, id);

-- Optional per-country ceilings; `awarded` follows the grants of that country like the call's.
CREATE TABLE grants.call_allocations (
  call_id  uuid NOT NULL REFERENCES grants.calls (id) ON DELETE CASCADE,
  country  text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  amount   bigint NOT NULL CHECK (amount > 0),
  awarded  bigint NOT NULL DEFAULT 0 CHECK (awarded >= 0 AND awarded <= amount),
  PRIMARY KEY (call_id, country)
);
