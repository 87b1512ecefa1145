# shellcheck shell=bash
# shellcheck disable=SC2154,SC2034  # run.sh's globals; grants_loaded is read there
# Part of bench/run.sh: the grants service's scenarios (issue 15 item 10). Their data, inserted
# with SQL into the grants schema over the organisations the bench has loaded:
#   - list: one open call with 1,000 submitted applications (@GRANT_CALL_ID@), read as the admin;
#   - submit: one organisation's drafts, each in a call of its own, open (one application per
#     organisation and call), submitted by a member of that organisation (@MEMBER_TOKEN@, a
#     user created with POST /v1/users) one after the other by the "submit" wrk script; grants
#     asks membership over gRPC at every submission;
#   - award: applications under review in one closed call with room in its budget for all of
#     them, awarded by the admin one after the other by the "award" wrk script; every award
#     queues on the call's row lock, as it does in production.
# The checks outside wrk (before measuring, and whether the connection is kept) use an
# application of their own (@SUBMIT_CHECK_ID@, @AWARD_CHECK_ID@), in the same call for awards.
# Each own-SQL ceiling (grants_own_sql) runs the statements the service runs, printed by
# `iris-grants --print-sql`, in the order app/*_use_cases.cpp runs them; the write paths act on
# a pool of rows of their own prepared alike (same calls, same states), one row per transaction.
#
# Ids: applications "<prefix><n as 12 hex digits>", so wrk and pgbench scripts compute them:
#   b1... submit, wrk (n = call)           b2... submit, pgbench (n = org * calls + call)
#   b3... award, wrk (call W)              b4... award, pgbench (call P)
#   b0...0N / c0...0N the checks' applications and the single calls; c1... the submit calls.

grants_loaded=0  # read by run.sh
readonly grants_check_submit=b0000000-0000-4000-8000-000000000002
readonly grants_check_award=b0000000-0000-4000-8000-000000000003
readonly grants_list_call=c0000000-0000-4000-8000-000000000001
readonly grants_check_call=c0000000-0000-4000-8000-000000000002
readonly grants_award_call=c0000000-0000-4000-8000-000000000003   # W: opens in 2026
readonly grants_own_award_call=c0000000-0000-4000-8000-000000000004  # P: opens in 2025
# Contract numbers run per year across calls and each award reads its year's highest: W and P
# open in different years, so the pgbench ceiling and the service each start from none.
readonly grants_amount=100000  # minor units, EUR: every request, award and budget line

# grants_needed SCENARIO_LINE: whether the line uses grants' data.
grants_needed() {
  [[ "$1" == *@GRANT_CALL_ID@* || "$1" == *@MEMBER_TOKEN@* || "$1" == *@SUBMIT_CHECK_ID@* ||
    "$1" == *@AWARD_CHECK_ID@* ]]
}

# Pool sizes from the run's length. wrk: warm-up 1 s + 2 runs at peak + at most 2 at half
# rate, at 2,000 req/s; pgbench: 4 client counts at 4,000 tps. Rates well above what this
# 2-core host does for a write whose commit waits for the WAL flush (the membership create:
# ~700 req/s, ~870 tps; submit ~550 req/s, ~1,500 tps); a run that goes past its pool says so
# (run_wrk's warning, grants_pool_check). At most 99,000: the award pools take one
# organisation per application (one application per organisation and call).
grants_walk_pool=0 grants_own_pool=0

# load_grants: the calls, applications and member user of the three scenarios; sets the
# placeholders and registers the "submit" and "award" wrk scripts.
load_grants() {
  local t0 orgs member email password m
  t0="$(date +%s.%N)"
  grants_walk_pool=$(((1 + 4 * duration) * 2000)) grants_own_pool=$((4 * duration * 4000))
  ((grants_walk_pool < 99000)) || grants_walk_pool=99000
  ((grants_own_pool < 99000)) || grants_own_pool=99000
  orgs="$(iris_psql "$IRIS_BENCH_PG_PORT" iris -Atc 'SELECT count(*) FROM membership.organizations')"
  ((orgs > grants_walk_pool + 2 && orgs > grants_own_pool + 1 && orgs > 1000)) ||
    iris_die "grants scenarios need more organisations than their pools ($orgs loaded)"
  # The submitting organisation: the first one, an active member in RS (eligible everywhere).
  member="$(iris_psql "$IRIS_BENCH_PG_PORT" iris -Atc "SELECT id FROM membership.organizations
    WHERE status = 'active' AND country = 'RS' ORDER BY created_at, id LIMIT 1")"
  [[ -n "$member" ]] || iris_die "no active organisation in RS for the submit scenario"
  # pgbench's drafts: m other organisations in each submit call.
  m=$(((grants_own_pool + grants_walk_pool - 1) / grants_walk_pool))
  iris_psql "$IRIS_BENCH_PG_PORT" iris -v member="$member" -v calls="$grants_walk_pool" \
    -v own="$grants_own_pool" -v m="$m" -v amount="$grants_amount" \
    -v list_call="$grants_list_call" -v check_call="$grants_check_call" \
    -v award_call="$grants_award_call" -v own_award_call="$grants_own_award_call" \
    -v check_submit="$grants_check_submit" -v check_award="$grants_check_award" <<'SQL' ||
-- The organisations in the bench's order, numbered from 0 (the member's excluded).
CREATE TEMP TABLE bench_orgs AS
SELECT row_number() OVER (ORDER BY created_at, id) - 1 AS k, id, name, country
FROM membership.organizations WHERE id <> :'member'::uuid;
CREATE INDEX ON bench_orgs (k);
CREATE TEMP TABLE bench_member AS
SELECT id, name, country FROM membership.organizations WHERE id = :'member'::uuid;

CREATE FUNCTION pg_temp.bench_id(prefix text, n bigint) RETURNS uuid
LANGUAGE sql IMMUTABLE AS $$ SELECT (prefix || lpad(to_hex(n), 12, '0'))::uuid $$;

-- Calls: the list call and the check call open, the award calls closed; weights sum to 100.
INSERT INTO grants.calls (id, title, description, opens_at, closes_at, timezone, currency,
                          budget, max_award, eligible_countries, criteria, status,
                          status_changed_at, created_at, updated_at)
SELECT c.id, jsonb_build_object('en', 'Bench call ' || c.name), '{"en": "A bench call."}',
       c.opens_at, c.closes_at, 'Europe/Belgrade', 'EUR', c.budget, :amount,
       ARRAY['AL', 'BA', 'HR', 'XK', 'ME', 'MK', 'RS'],
       '[{"key": "relevance", "name": {"en": "Relevance"}, "weight": 60},
         {"key": "feasibility", "name": {"en": "Feasibility"}, "weight": 40}]',
       c.status, c.opens_at, c.opens_at, c.opens_at
FROM (VALUES
  (:'list_call'::uuid, 'list', timestamptz '2026-01-10 00:00+01', timestamptz '2099-12-31 23:59+01',
   :amount::bigint * 2000, 'open'),
  (:'check_call'::uuid, 'submit check', timestamptz '2026-01-10 00:00+01',
   timestamptz '2099-12-31 23:59+01', :amount::bigint * 10, 'open'),
  (:'award_call'::uuid, 'award', timestamptz '2026-01-10 00:00+01', timestamptz '2026-02-10 23:59+01',
   :amount::bigint * (:calls + 10), 'closed'),
  (:'own_award_call'::uuid, 'award, own SQL', timestamptz '2025-01-10 00:00+01',
   timestamptz '2025-02-10 23:59+01', :amount::bigint * (:own + 10), 'closed')
) AS c (id, name, opens_at, closes_at, budget, status);
INSERT INTO grants.calls (id, title, description, opens_at, closes_at, timezone, currency,
                          budget, max_award, eligible_countries, criteria, status,
                          status_changed_at, created_at, updated_at)
SELECT pg_temp.bench_id('c1000000-0000-4000-8000-', i), jsonb_build_object('en', 'Bench submit call ' || i),
       '{"en": "A bench call."}', timestamptz '2026-01-10 00:00+01', timestamptz '2099-12-31 23:59+01',
       'Europe/Belgrade', 'EUR', :amount::bigint * 10, :amount,
       ARRAY['AL', 'BA', 'HR', 'XK', 'ME', 'MK', 'RS'],
       '[{"key": "relevance", "name": {"en": "Relevance"}, "weight": 60},
         {"key": "feasibility", "name": {"en": "Feasibility"}, "weight": 40}]',
       'open', timestamptz '2026-01-10 00:00+01',
       timestamptz '2026-01-01 00:00+00' + i * interval '1 second',
       timestamptz '2026-01-01 00:00+00' + i * interval '1 second'
FROM generate_series(0, :calls - 1) AS i;

-- Applications. Drafts carry no organisation name or country yet (submission sets them);
-- the others have what membership answered at their submission.
CREATE TEMP TABLE bench_apps (id uuid, call_id uuid, organization_id uuid, organization_name text,
                              country text, status text, n bigint);
-- list: 1,000 submitted
INSERT INTO bench_apps
SELECT gen_random_uuid(), :'list_call', id, name, country, 'submitted', k FROM bench_orgs WHERE k < 1000;
-- submit: the member's drafts (wrk), one per call, and m other organisations' (pgbench)
INSERT INTO bench_apps
SELECT pg_temp.bench_id('b1000000-0000-4000-8000-', i), pg_temp.bench_id('c1000000-0000-4000-8000-', i),
       (SELECT id FROM bench_member), NULL, NULL, 'draft', i
FROM generate_series(0, :calls - 1) AS i;
INSERT INTO bench_apps
SELECT pg_temp.bench_id('b2000000-0000-4000-8000-', o.k * :calls + i),
       pg_temp.bench_id('c1000000-0000-4000-8000-', i), o.id, NULL, NULL, 'draft', o.k * :calls + i
FROM bench_orgs o, generate_series(0, :calls - 1) AS i
WHERE o.k < :m;
INSERT INTO bench_apps
SELECT :'check_submit', :'check_call', id, NULL, NULL, 'draft', 0 FROM bench_member;
-- award: under review in W (wrk, and the check's) and in P (pgbench)
INSERT INTO bench_apps
SELECT pg_temp.bench_id('b3000000-0000-4000-8000-', k), :'award_call', id, name, country,
       'under_review', k
FROM bench_orgs WHERE k < :calls;
INSERT INTO bench_apps
SELECT :'check_award', :'award_call', id, name, country, 'under_review', k
FROM bench_orgs WHERE k = :calls;
INSERT INTO bench_apps
SELECT pg_temp.bench_id('b4000000-0000-4000-8000-', k), :'own_award_call', id, name, country,
       'under_review', k
FROM bench_orgs WHERE k < :own;

INSERT INTO grants.applications (id, call_id, organization_id, organization_name, country,
                                 project_title, summary, requested, duration_months,
                                 budget_lines, status, status_changed_at, submitted_at,
                                 created_at, updated_at)
SELECT id, call_id, organization_id, organization_name, country, 'Bench project ' || n,
       'Day care for children with disabilities, a bench application.', :amount, 12,
       jsonb_build_array(
         jsonb_build_object('category', 'personnel', 'description', 'Two carers', 'amount', :amount * 3 / 4),
         jsonb_build_object('category', 'equipment', 'description', 'A ramp', 'amount', :amount - :amount * 3 / 4)),
       status, CASE WHEN status <> 'draft' THEN ts END, CASE WHEN status <> 'draft' THEN ts END,
       ts, ts
FROM (SELECT *, timestamptz '2026-01-11 00:00+00' + n * interval '1 second' AS ts FROM bench_apps) a;
VACUUM (ANALYZE) grants.calls, grants.applications;
SQL
    iris_die "loading the grants scenarios' data failed"
  vars[GRANT_CALL_ID]="$grants_list_call"
  vars[SUBMIT_CHECK_ID]="$grants_check_submit"
  vars[AWARD_CHECK_ID]="$grants_check_award"
  # A member of the submitting organisation, signed in; and a fresh admin token (a JWT lives
  # 15 minutes; the one issued first may be close to its end by now).
  email="bench-member-$(iris_random_hex 4)@iris.example.org"
  password="$(iris_random_hex 12)"
  api .id -H 'Content-Type: application/json' -H "Authorization: Bearer ${vars[TOKEN]}" \
    -d "$(jq -cn --arg e "$email" --arg p "$password" --arg o "$member" \
      '{email: $e, password: $p, name: "Bench member", role: "member", organization_id: $o}')" \
    "$base/v1/users" >/dev/null
  vars[MEMBER_TOKEN]="$(api .access_token -H 'Content-Type: application/json' \
    -d "$(jq -cn --arg e "$email" --arg p "$password" '{email: $e, password: $p}')" \
    "$base/v1/auth/token")"
  vars[TOKEN]="$(api .access_token -H 'Content-Type: application/json' \
    -d "$(jq -cn --arg e "$IRIS_ADMIN_EMAIL" --arg p "$IRIS_ADMIN_PASSWORD" \
      '{email: $e, password: $p}')" "$base/v1/auth/token")"
  walk_register submit '/v1/grant-applications/{n}/submit' b1000000-0000-4000-8000- '{}' \
    "$grants_walk_pool"
  walk_register award '/v1/grant-applications/{n}/award' b3000000-0000-4000-8000- \
    "{\"amount\": {\"amount\": $grants_amount, \"currency\": \"EUR\"}, \"starts_on\": \"2026-03-01\", \"ends_on\": \"2027-02-28\"}" \
    "$grants_walk_pool"
  grants_loaded=1
  iris_log "grants: 1,000 submitted applications in one call, $grants_walk_pool drafts of one" \
    "organisation (+ $((m * grants_walk_pool)) for pgbench) in as many open calls," \
    "$grants_walk_pool under review in a closed call (+ $grants_own_pool for pgbench)," \
    "a member user; $(since "$t0") s"
}

# The application id expression of pool PREFIX for pgbench's variable :n.
grants_pool_id() { printf "'%s' || lpad(to_hex(:n::bigint), 12, '0')" "$1"; }

# grants_pool_next PREFIX DONE_STATUS: the first n of pool PREFIX no transaction has acted on.
grants_pool_next() {
  iris_psql "$IRIS_BENCH_PG_PORT" iris -Atc "SELECT coalesce(max(('x' || right(id::text, 12))::bit(48)::bigint) + 1, 0)
    FROM grants.applications WHERE id BETWEEN '${1}000000000000' AND '${1}ffffffffffff'
      AND status = '$2'"
}
# grants_pgbench_defs_submit / _award CLIENTS: pgbench's variables for the next run (see
# ceilings.sh pgbench_best): client i takes n = base + i, base + i + CLIENTS, ...
grants_pool_defs() {
  local next
  next="$(grants_pool_next "$1" "$2")"
  ((next < grants_own_pool)) ||
    iris_die "the pgbench pool $1 ($grants_own_pool rows) is used up: raise grants_own_pool"
  printf '%s\n' "-Dclients=$3" "-Dk=0" "-Dbase=$next"
}
grants_pgbench_defs_submit() { grants_pool_defs b2000000-0000-4000-8000- submitted "$1"; }
grants_pgbench_defs_award() { grants_pool_defs b4000000-0000-4000-8000- awarded "$1"; }
# grants_pool_check KEY: after a ceiling, whether its last run stayed within the pool (a
# transaction past it finds no row and would make the ceiling look higher).
grants_pool_check() {
  local next
  case "$1" in
    grants_submit) next="$(grants_pool_next b2000000-0000-4000-8000- submitted)" ;;
    grants_award) next="$(grants_pool_next b4000000-0000-4000-8000- awarded)" ;;
    *) return 0 ;;
  esac
  ((next < grants_own_pool)) ||
    iris_die "own SQL of $1 went past its $grants_own_pool prepared rows: raise grants_own_pool"
  # Each award reads the highest contract number of its year, over every grant: the service's
  # awards start from the empty table pgbench's did, not after pgbench's grants.
  if [[ "$1" == grants_award ]]; then
    iris_psql "$IRIS_BENCH_PG_PORT" iris -c "DELETE FROM grants.grants
      WHERE call_id = '$grants_own_award_call'" -c 'VACUUM (ANALYZE) grants.grants' ||
      iris_die "could not remove the award ceiling's grants"
  fi
}

# grants_own_sql KEY FILE: the pgbench script of KEY's own SQL.
grants_own_sql() {
  local key="$1" file="$2" app
  case "$key" in
    grants_list)
      # As the admin (see every application), no filters, first page: the call is checked,
      # then the page with its limit + 1 rows.
      {
        sql_of_in "$grants_bin" applications_find_call "'$grants_list_call'"
        sql_of_in "$grants_bin" applications_list:created_at "'$grants_list_call'" true NULL NULL \
          NULL NULL NULL "'-infinity'" "'00000000-0000-0000-0000-000000000000'" 51
      } >"$file"
      ;;
    grants_submit)
      # The checks before membership is asked (no transaction), then the submission's
      # transaction. The drafts are the pgbench pool's: organisation n / calls, call n % calls.
      app="$(grants_pool_id b2000000-0000-4000-8000-)"
      local call="'c1000000-0000-4000-8000-' || lpad(to_hex(:i::bigint), 12, '0')"
      {
        echo '\set n :base + :client_id + :k * :clients'
        echo '\set k :k + 1'
        echo "\\set i :n % $grants_walk_pool"
        sql_of_in "$grants_bin" applications_find_by_id "$app"
        sql_of_in "$grants_bin" applications_find_call "$call"
        echo 'BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE;'
        # the call first (the order every lock on a call and its applications takes)
        sql_of_in "$grants_bin" applications_find_call_for_share "$call"
        sql_of_in "$grants_bin" applications_find_by_id_for_update "$app"
        sql_of_in "$grants_bin" applications_submit "$app" "'Bench organisation'" "'RS'"
        sql_of_in "$grants_bin" kit_record_change "'grants.application.submitted'" "$app" "'RS'" \
          "'5f0c8a4e-0000-4000-8000-000000000002'" "'6c1f4a2e-1b7d-4a0e-9d3e-2f1a0b9c8d7e'" \
          "'{\"id\": \"b2000000-0000-4000-8000-000000000000\", \"call_id\": \"c1000000-0000-4000-8000-000000000000\", \"organization_id\": \"5f0c8a4e-0000-4000-8000-000000000001\", \"country\": \"RS\", \"status\": \"submitted\", \"version\": 2}'" \
          "'member'" "'submit'" "'grant_application'" \
          "'{\"fields\": [\"status\", \"submitted_at\", \"organization_name\", \"country\"], \"from\": \"draft\", \"to\": \"submitted\"}'"
        echo 'COMMIT;'
      } >"$file"
      ;;
    grants_award)
      # The award's one transaction (app/award_use_cases.cpp): the call's row lock, the
      # application's, no country allocation, the sums, the year's contract number, the grant,
      # and two changes recorded (the grant's and the application's).
      app="$(grants_pool_id b4000000-0000-4000-8000-)"
      {
        echo '\set n :base + :client_id + :k * :clients'
        echo '\set k :k + 1'
        echo 'BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE;'
        sql_of_in "$grants_bin" awards_application_call "$app"
        sql_of_in "$grants_bin" awards_lock_call "'$grants_own_award_call'"
        sql_of_in "$grants_bin" awards_lock_application "$app"
        sql_of_in "$grants_bin" awards_lock_allocation "'$grants_own_award_call'" "'RS'"
        sql_of_in "$grants_bin" awards_add_to_call "'$grants_own_award_call'" "$grants_amount"
        sql_of_in "$grants_bin" awards_lock_contract_year 2025
        # its result names the grant: kept in :next (\gset ends the command instead of ';')
        sql_of_in "$grants_bin" awards_next_contract_sequence 2025 | sed '$d'
        echo '\gset'
        sql_of_in "$grants_bin" awards_mark_application "$app"
        sql_of_in "$grants_bin" awards_insert "$app" "'$grants_own_award_call'" \
          "'5f0c8a4e-0000-4000-8000-000000000001'" "'Bench organisation'" "'RS'" "'Bench project'" \
          "'EUR'" "$grants_amount" \
          "'SGS-2025-' || lpad(:next::text, greatest(3, length(:next::text)), '0')" \
          "'2026-03-01'" "'2027-02-28'"
        sql_of_in "$grants_bin" kit_record_change "'grants.grant.awarded'" \
          "'5f0c8a4e-0000-4000-8000-000000000003'" "'RS'" \
          "'5f0c8a4e-0000-4000-8000-000000000002'" "'6c1f4a2e-1b7d-4a0e-9d3e-2f1a0b9c8d7e'" \
          "'{\"id\": \"5f0c8a4e-0000-4000-8000-000000000003\", \"application_id\": \"b4000000-0000-4000-8000-000000000000\", \"call_id\": \"c0000000-0000-4000-8000-000000000004\", \"organization_id\": \"5f0c8a4e-0000-4000-8000-000000000001\", \"country\": \"RS\", \"amount\": $grants_amount, \"currency\": \"EUR\", \"contract_number\": \"SGS-2025-001\", \"version\": 1}'" \
          "'network_admin'" "'award'" "'grant'" \
          "'{\"application_id\": \"b4000000-0000-4000-8000-000000000000\", \"amount\": $grants_amount, \"call_awarded\": $grants_amount}'"
        sql_of_in "$grants_bin" kit_record_change "'grants.application.awarded'" "$app" "'RS'" \
          "'5f0c8a4e-0000-4000-8000-000000000002'" "'6c1f4a2e-1b7d-4a0e-9d3e-2f1a0b9c8d7e'" \
          "'{\"id\": \"b4000000-0000-4000-8000-000000000000\", \"call_id\": \"c0000000-0000-4000-8000-000000000004\", \"country\": \"RS\", \"status\": \"awarded\", \"grant_id\": \"5f0c8a4e-0000-4000-8000-000000000003\", \"version\": 2}'" \
          "'network_admin'" "'award'" "'grant_application'" \
          "'{\"fields\": [\"status\", \"status_changed_at\"], \"from\": \"under_review\", \"to\": \"awarded\", \"grant_id\": \"5f0c8a4e-0000-4000-8000-000000000003\"}'"
        echo 'COMMIT;'
      } >"$file"
      ;;
    *) iris_die "no own SQL for '$key'" ;;
  esac
}
