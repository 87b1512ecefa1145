#!/usr/bin/env bash
# Measures the gateway against its ceilings in one bounded run (a few minutes) on 127.0.0.1:
# builds the services, the gateway and iris-bare-pistache, starts its own PostgreSQL and Redis
# in a temporary directory on its own ports, starts membership + grants + events + documents +
# notifications + gateway as scripts/run.sh does, runs wrk and pgbench, then documents' 50 MiB
# upload and download (lib/documents.sh), notifications' write-to-webhook latency and relay
# throughput (lib/notifications.sh), prints a markdown table and writes
# bench/RESULTS.md. Settings: IRIS_BENCH_DURATION (seconds per wrk/pgbench run, default 6:
# about 120 runs, so the whole run takes about 13 minutes; 1 for a smoke test),
# IRIS_BENCH_CONNECTIONS (default 32), IRIS_BENCH_RESULTS (the file written, default
# bench/RESULTS.md), IRIS_SKIP_BUILD=1, IRIS_BENCH_*_PORT (see below), IRIS_BENCH_ONLY (an
# extended regular expression: only the scenarios whose label matches, e.g. 'grant', 'events',
# 'documents' or 'notif|webhook|relay'; the goals of the others then read "not run"), documents'
# IRIS_BENCH_DOCUMENTS, IRIS_BENCH_TRANSFER_MIB / _RUNS (lib/documents.sh), and notifications'
# IRIS_BENCH_WEBHOOK_WRITES / _RATE and IRIS_BENCH_RELAY_ROWS (lib/notifications.sh).
set -euo pipefail

here="$(dirname "${BASH_SOURCE[0]}")"
source "$here/../scripts/lib/common.sh"
source "$here/../scripts/lib/build.sh"
source "$here/../scripts/lib/ports.sh"
source "$here/../scripts/lib/postgres.sh"
source "$here/../scripts/lib/redis.sh"
source "$here/../scripts/lib/procs.sh"
source "$here/lib/wrk.sh"
source "$here/lib/orgs.sh"
source "$here/lib/report.sh"
source "$here/lib/latency_split.sh"
source "$here/lib/ceilings.sh"
source "$here/lib/grants.sh"
source "$here/lib/events.sh"
source "$here/lib/documents.sh"
source "$here/lib/notifications.sh"

case "${1:-}" in
  "") ;;
  -h | --help)
    sed -n '2,15s/^# \{0,1\}//p' "$0"
    exit 0
    ;;
  *) iris_die "unknown argument '$1' (settings are environment variables; see --help)" ;;
esac

# --- what is measured: add a line per scenario ---------------------------------------------
# label|ceiling|rows|path|extra request header|wrk script|own SQL. ceiling: http (held to the
# bare Pistache handler) or db (held to pgbench -S at its best client count and, when "own SQL"
# names one of ceilings.sh's measure_own keys, to exactly the SQL the scenario runs). rows: organisations in the table while the
# scenario runs; they are inserted with SQL before the first scenario that needs them, so keep
# the lines in order of rows. path and header may use @TOKEN@ (an admin JWT), @API_KEY@ (a
# read-scoped API key), @ORG_ID@ (an organisation in the middle of the table) and @DEEP_CURSOR@
# (next_cursor after all but the last 200 rows, reached by walking limit=200 pages); the
# grants scenarios' placeholders are lib/grants.sh's (@GRANT_CALL_ID@, @MEMBER_TOKEN@,
# @SUBMIT_CHECK_ID@, @AWARD_CHECK_ID@), their data is inserted with SQL before the first line
# that uses one. wrk script: empty for GET, "post" for POST /v1/organizations with a unique name
# per request, "submit" and "award" (lib/grants.sh) for a different application per request
# (the path's application is then only the one the checks outside wrk use). lib/events.sh's
# placeholders (@EVENT_PUBLIC_ID@, @EVENT_MEMBERS_ID@, @EVENT_MEMBER_TOKEN@) and its "register"
# wrk script (a new participant per request): its events are made through the gateway before
# the first line that uses one. lib/documents.sh's @DOCS_Q@ (the search word, URL-encoded):
# its published documents are inserted with SQL before the first line that uses it.
# Each runs twice (without and with "Connection: keep-alive"), then at about half its peak.
SCENARIOS=(
  "GET /healthz|http|0|/healthz|||"
  "GET /v1/countries|http|0|/v1/countries|||"
  "GET /v1/networks/RS|db|0|/v1/networks/RS|||network"
  "GET /v1/organizations?limit=50, 1,000 rows, first page|db|1000|/v1/organizations?limit=50|||list_first"
  "GET /v1/organizations?limit=50, 1,000 rows, page at depth 800|db|1000|/v1/organizations?limit=50&cursor=@DEEP_CURSOR@|||list_deep"
  "GET /v1/organizations/{id}, anonymous|db|100000|/v1/organizations/@ORG_ID@|||read"
  "GET /v1/organizations/{id}, JWT|db|100000|/v1/organizations/@ORG_ID@|Authorization: Bearer @TOKEN@||read"
  "GET /v1/organizations/{id}, API key|db|100000|/v1/organizations/@ORG_ID@|Authorization: ApiKey @API_KEY@||read"
  "GET /v1/organizations?limit=50, 100,000 rows, first page|db|100000|/v1/organizations?limit=50|||list_first"
  "GET /v1/organizations?limit=50, 100,000 rows, page at depth 99,800|db|100000|/v1/organizations?limit=50&cursor=@DEEP_CURSOR@|||list_deep"
  "POST /v1/organizations, JWT|db|100000|/v1/organizations|Authorization: Bearer @TOKEN@|post|create"
  "GET /v1/grant-calls/{id}/applications?limit=50, 1,000 submitted, JWT|db|100000|/v1/grant-calls/@GRANT_CALL_ID@/applications?limit=50|Authorization: Bearer @TOKEN@||grants_list"
  "POST /v1/grant-applications/{id}/submit, member JWT|db|100000|/v1/grant-applications/@SUBMIT_CHECK_ID@/submit|Authorization: Bearer @MEMBER_TOKEN@|submit|grants_submit"
  "POST /v1/grant-applications/{id}/award, JWT|db|100000|/v1/grant-applications/@AWARD_CHECK_ID@/award|Authorization: Bearer @TOKEN@|award|grants_award"
  "POST /v1/events/{id}/registrations, public event, anonymous|db|-|/v1/events/@EVENT_PUBLIC_ID@/registrations||register|events_register"
  "POST /v1/events/{id}/registrations, members event, member JWT|db|-|/v1/events/@EVENT_MEMBERS_ID@/registrations|Authorization: Bearer @EVENT_MEMBER_TOKEN@|register|events_register"
  "GET /v1/documents?q=миграције&limit=20 (Cyrillic, ranked, facets), anonymous|db|-|/v1/documents?q=@DOCS_Q@&limit=20|||documents_search"
  "GET /v1/documents?q=миграције&limit=20 (Cyrillic, ranked, facets), admin JWT|db|-|/v1/documents?q=@DOCS_Q@&limit=20|Authorization: Bearer @TOKEN@||documents_search_admin"
)

# only_matching ARRAY: keeps the lines of ARRAY whose label matches IRIS_BENCH_ONLY.
only_matching() {
  local -n lines="$1"
  local kept=() s
  for s in "${lines[@]}"; do
    if [[ "${s%%|*}" =~ $IRIS_BENCH_ONLY ]]; then kept+=("$s"); fi
  done
  lines=("${kept[@]}")
}
if [[ -n "${IRIS_BENCH_ONLY:-}" ]]; then
  # lib/notifications.sh's parts and feed scenarios too, lib/documents.sh's transfer part
  only_matching SCENARIOS && only_matching notif_parts && only_matching notif_scenarios &&
    only_matching documents_parts
  ((${#SCENARIOS[@]} + ${#notif_parts[@]} + ${#notif_scenarios[@]} + ${#documents_parts[@]})) ||
    iris_die "IRIS_BENCH_ONLY='$IRIS_BENCH_ONLY' matches no scenario"
fi

# --- settings -------------------------------------------------------------------------------
# Ports below 32768, outside Linux's ephemeral range, so no client socket of a parallel test
# can hold one.
iris_default IRIS_BENCH_PG_PORT 25732
iris_default IRIS_BENCH_REDIS_PORT 26732
iris_default IRIS_BENCH_HTTP_PORT 18280
iris_default IRIS_BENCH_METRICS_PORT 19564
iris_default IRIS_BENCH_GRPC_PORT 20351
iris_default IRIS_BENCH_MEMBERSHIP_METRICS_PORT 19565
iris_default IRIS_BENCH_GRANTS_GRPC_PORT 20352
iris_default IRIS_BENCH_GRANTS_METRICS_PORT 19566
iris_default IRIS_BENCH_EVENTS_GRPC_PORT 20353
iris_default IRIS_BENCH_EVENTS_METRICS_PORT 19567
iris_default IRIS_BENCH_DOCUMENTS_GRPC_PORT 20354
iris_default IRIS_BENCH_DOCUMENTS_METRICS_PORT 19568
iris_default IRIS_BENCH_NOTIFICATIONS_GRPC_PORT 20355
iris_default IRIS_BENCH_NOTIFICATIONS_METRICS_PORT 19569
iris_default IRIS_BENCH_WEBHOOK_PORT 18282  # lib/webhook_latency.py's receiver
iris_default IRIS_BENCH_BARE_PORT 18281
duration="${IRIS_BENCH_DURATION:-6}"
conns="${IRIS_BENCH_CONNECTIONS:-32}"
threads="${IRIS_HTTP_THREADS:-2}"  # the gateway's IRIS_HTTP_THREADS; the bare server gets the same
results_md="${IRIS_BENCH_RESULTS:-$IRIS_ROOT/bench/RESULTS.md}"
command -v wrk >/dev/null || iris_die "wrk is missing (apt-get install wrk; scripts/run.sh installs it)"
pgbench="$IRIS_PG_BIN/pgbench"
[[ -x "$pgbench" ]] || iris_die "$pgbench is missing (postgresql-contrib 15)"

iris_check_ports IRIS_BENCH_PG_PORT IRIS_BENCH_REDIS_PORT IRIS_BENCH_HTTP_PORT \
  IRIS_BENCH_METRICS_PORT IRIS_BENCH_GRPC_PORT IRIS_BENCH_MEMBERSHIP_METRICS_PORT \
  IRIS_BENCH_GRANTS_GRPC_PORT IRIS_BENCH_GRANTS_METRICS_PORT IRIS_BENCH_BARE_PORT \
  IRIS_BENCH_EVENTS_GRPC_PORT IRIS_BENCH_EVENTS_METRICS_PORT \
  IRIS_BENCH_DOCUMENTS_GRPC_PORT IRIS_BENCH_DOCUMENTS_METRICS_PORT \
  IRIS_BENCH_NOTIFICATIONS_GRPC_PORT IRIS_BENCH_NOTIFICATIONS_METRICS_PORT \
  IRIS_BENCH_WEBHOOK_PORT || exit 1

if [[ "${IRIS_SKIP_BUILD:-0}" != 1 ]]; then
  iris_build iris-membership iris-grants iris-events iris-documents iris-notifications iris-gateway \
    iris-bare-pistache \
    iris-grpc-probe iris-json-probe
fi
membership_bin="$IRIS_BUILD_DIR/services/membership/iris-membership"
grants_bin="$IRIS_BUILD_DIR/services/grants/iris-grants"
events_bin="$IRIS_BUILD_DIR/services/events/iris-events"
documents_bin="$IRIS_BUILD_DIR/services/documents/iris-documents"
notifications_bin="$IRIS_BUILD_DIR/services/notifications/iris-notifications"
gateway_bin="$IRIS_BUILD_DIR/services/gateway/iris-gateway"
bare_bin="$IRIS_BUILD_DIR/bench/baseline/iris-bare-pistache"
grpc_probe_bin="$IRIS_BUILD_DIR/bench/grpc_probe/iris-grpc-probe"
json_probe_bin="$IRIS_BUILD_DIR/bench/json_probe/iris-json-probe"
for b in "$membership_bin" "$grants_bin" "$events_bin" "$documents_bin" "$notifications_bin" \
  "$gateway_bin" "$bare_bin" \
  "$grpc_probe_bin" "$json_probe_bin"; do
  [[ -x "$b" ]] || iris_die "$b is missing: build it (unset IRIS_SKIP_BUILD)"
done

# --- throwaway PostgreSQL and Redis; everything stopped whatever happens ----------------------
tmp="$(mktemp -d -t iris-bench.XXXXXX)"
chmod 755 "$tmp"  # Postgres runs as irisdb (initdb refuses root)
mkdir "$tmp/logs" "$tmp/run"
IRIS_RUN_DIR="$tmp/run"
pg_started=0
IRIS_REDIS_PID=""
cleanup() {
  local rc=$?
  trap '' INT TERM HUP PIPE
  iris_stop_started
  if [[ -n "$IRIS_REDIS_PID" ]]; then iris_stop_pid redis "$IRIS_REDIS_PID"; fi
  if ((pg_started)); then iris_pg_stop "$tmp/pg"; fi
  if ((rc != 0)); then iris_log "logs of the failed run: $tmp/logs"; else rm -rf "$tmp"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

loadavg_before="$(cut -d' ' -f1-3 /proc/loadavg)"
iris_pg_ensure_owner
iris_pg_make_reachable "$tmp/logs" "$tmp"
iris_pg_init "$tmp/pg"
pg_started=1
iris_pg_start "$tmp/pg" "$IRIS_BENCH_PG_PORT" "$tmp/logs/postgres.log"  # run.sh's settings
iris_pg_provision "$IRIS_BENCH_PG_PORT" iris
iris_redis_start "$tmp/redis" "$IRIS_BENCH_REDIS_PORT" "$tmp/logs/redis.log"

# The environment scripts/run.sh gives the processes, on this run's ports.
export IRIS_LISTEN_HOST=127.0.0.1 IRIS_HTTP_HOST=127.0.0.1 IRIS_METRICS_HOST=127.0.0.1
export IRIS_HTTP_PORT="$IRIS_BENCH_HTTP_PORT" IRIS_METRICS_PORT="$IRIS_BENCH_METRICS_PORT"
export IRIS_REDIS_HOST=127.0.0.1 IRIS_REDIS_PORT="$IRIS_BENCH_REDIS_PORT"
export IRIS_MEMBERSHIP_GRPC_PORT="$IRIS_BENCH_GRPC_PORT"
export IRIS_MEMBERSHIP_METRICS_PORT="$IRIS_BENCH_MEMBERSHIP_METRICS_PORT"
export IRIS_MEMBERSHIP_DATABASE_URL="postgresql://iris_membership:iris_membership@127.0.0.1:$IRIS_BENCH_PG_PORT/iris"
export IRIS_MEMBERSHIP_ADDR="127.0.0.1:$IRIS_BENCH_GRPC_PORT"
# grants: the gateway's upstream, and itself a client of membership (IRIS_MEMBERSHIP_ADDR).
export IRIS_GRANTS_GRPC_PORT="$IRIS_BENCH_GRANTS_GRPC_PORT"
export IRIS_GRANTS_METRICS_PORT="$IRIS_BENCH_GRANTS_METRICS_PORT"
export IRIS_GRANTS_DATABASE_URL="postgresql://iris_grants:iris_grants@127.0.0.1:$IRIS_BENCH_PG_PORT/iris"
export IRIS_GRANTS_ADDR="127.0.0.1:$IRIS_BENCH_GRANTS_GRPC_PORT"
events_env  # events: the gateway's upstream, a client of membership (lib/events.sh)
documents_env  # documents: the gateway's upstream, a client of membership and events
notif_env  # notifications: the gateway's upstream, and where every service's relay publishes
export IRIS_ADMIN_EMAIL=admin@iris.example.org
IRIS_CURSOR_SECRET="$(iris_random_hex 32)" IRIS_JWT_SECRET="$(iris_random_hex 32)"
IRIS_ADMIN_PASSWORD="$(iris_random_hex 12)"
export IRIS_CURSOR_SECRET IRIS_JWT_SECRET IRIS_ADMIN_PASSWORD
while IFS='=' read -r key value; do export "$key=$value"; done <<<"$("$gateway_bin" --new-caller-keys)"
# wrk sends thousands of requests a second from one address and one account: limits that never
# bite, so each request still pays its rate-limit check in Redis but none is refused.
export IRIS_RATE_LIMIT_PER_MINUTE=1000000000 IRIS_RATE_LIMIT_ANONYMOUS_PER_MINUTE=1000000000
export IRIS_ANONYMOUS_REGISTRATIONS_PER_HOUR=0  # the anonymous registration scenario is the load itself
export IRIS_MAX_CONNECTIONS_PER_ADDRESS=0  # wrk's connections all come from 127.0.0.1

for svc in membership grants events documents notifications; do
  iris_log "migrating $svc"
  bin_var="${svc}_bin"
  timeout 300 "${!bin_var}" --migrate-only </dev/null >>"$tmp/logs/$svc.log" 2>&1 ||
    iris_die "$svc --migrate-only failed (log: $tmp/logs/$svc.log)"
done

# --- cold start (database migrated): all launched together, then as scripts/run.sh does ---
base="http://127.0.0.1:$IRIS_BENCH_HTTP_PORT"
# Ready: /readyz says "ready" (200 alone only means the gateway serves; a service or Redis not
# yet up shows as "degraded").
ready() { curl -s --max-time 1 "$base/readyz" 2>/dev/null | grep -q '"status":"ready"'; }
membership_up() { iris_connectable 127.0.0.1 "$IRIS_BENCH_GRPC_PORT"; }
grants_up() { iris_connectable 127.0.0.1 "$IRIS_BENCH_GRANTS_GRPC_PORT"; }
events_up() { iris_connectable 127.0.0.1 "$IRIS_BENCH_EVENTS_GRPC_PORT"; }
documents_up() { iris_connectable 127.0.0.1 "$IRIS_BENCH_DOCUMENTS_GRPC_PORT"; }
notifications_up() { iris_connectable 127.0.0.1 "$IRIS_BENCH_NOTIFICATIONS_GRPC_PORT"; }
# wait_10ms CHECK...: polls CHECK every 10 ms (60 s at most), failing if one of ours exits.
wait_10ms() {
  local start=$SECONDS name
  until "$@"; do
    for name in "${IRIS_STARTED[@]}"; do
      iris_pid_alive "${IRIS_PIDS[$name]}" || {
        iris_tail_log "$name" "$tmp/logs/$name.log"
        iris_die "$name exited while starting"
      }
    done
    ((SECONDS - start < 60)) || iris_die "not ready within 60 s (check: $*)"
    sleep 0.01
  done
}
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }'; }

t0="$(date +%s.%N)"
iris_spawn membership "$tmp/logs/membership.log" "$membership_bin"
iris_spawn grants "$tmp/logs/grants.log" "$grants_bin"
iris_spawn events "$tmp/logs/events.log" "$events_bin"
iris_spawn documents "$tmp/logs/documents.log" "$documents_bin"
iris_spawn notifications "$tmp/logs/notifications.log" "$notifications_bin"
iris_spawn gateway "$tmp/logs/gateway.log" "$gateway_bin"
wait_10ms ready
cold_together="$(since "$t0")"
iris_stop_started
t0="$(date +%s.%N)"
iris_spawn membership "$tmp/logs/membership.log" "$membership_bin"
wait_10ms membership_up
cold_membership="$(since "$t0")"
t0="$(date +%s.%N)"
iris_spawn grants "$tmp/logs/grants.log" "$grants_bin"
wait_10ms grants_up
cold_grants="$(since "$t0")"
t0="$(date +%s.%N)"
iris_spawn events "$tmp/logs/events.log" "$events_bin"
wait_10ms events_up
cold_events="$(since "$t0")"
t0="$(date +%s.%N)"
iris_spawn documents "$tmp/logs/documents.log" "$documents_bin"
wait_10ms documents_up
cold_documents="$(since "$t0")"
t0="$(date +%s.%N)"
iris_spawn notifications "$tmp/logs/notifications.log" "$notifications_bin"
wait_10ms notifications_up
cold_notifications="$(since "$t0")"
t0="$(date +%s.%N)"
iris_spawn gateway "$tmp/logs/gateway.log" "$gateway_bin"
wait_10ms ready
cold_gateway="$(since "$t0")"
iris_log "cold start to /readyz 200: ${cold_together}s launched together; one after the other" \
  "(as scripts/run.sh): membership ${cold_membership}s to its gRPC port, grants" \
  "${cold_grants}s, events ${cold_events}s, documents ${cold_documents}s, notifications ${cold_notifications}s, then gateway ${cold_gateway}s"

# The bare server ignores SIGPIPE as the gateway does (a client closing mid-write must not kill it).
setsid bash -c 'trap "" PIPE; exec "$0" "$@"' "$bare_bin" "$IRIS_BENCH_BARE_PORT" "$threads" \
  </dev/null >>"$tmp/logs/bare.log" 2>&1 &
IRIS_PIDS[bare]=$!
IRIS_STARTED+=(bare)
bare="http://127.0.0.1:$IRIS_BENCH_BARE_PORT"
iris_wait_ready bare "$tmp/logs/bare.log" iris_connectable 127.0.0.1 "$IRIS_BENCH_BARE_PORT"

rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
rss_idle_gateway="$(rss_mb "${IRIS_PIDS[gateway]}")"
rss_idle_membership="$(rss_mb "${IRIS_PIDS[membership]}")"
rss_idle_grants="$(rss_mb "${IRIS_PIDS[grants]}")"
rss_idle_events="$(rss_mb "${IRIS_PIDS[events]}")"
rss_idle_documents="$(rss_mb "${IRIS_PIDS[documents]}")"
rss_idle_notifications="$(rss_mb "${IRIS_PIDS[notifications]}")"

# --- wrk runs -------------------------------------------------------------------------------
raw="$tmp/raw.txt"
: >"$raw"
rows=()        # label|header|conns|rps|p50|p99|non2xx|errors|ratio|connection
declare -A peak=() peak_p50=()
write_post_script "$tmp"
write_walk_script "$tmp"
wrk_runs=0
variants=("" "Connection: keep-alive")

for v in "${variants[@]}"; do
  run_wrk "bare Pistache [$(variant_name "$v")]" 2 "$conns" "$bare/" "" "$v"
  peak["bare|$v"]="$rps"
  rows+=("bare Pistache (ceiling)|$(variant_name "$v")|$conns|$rps|$p50|$p99|$non2xx|$errors|100 %|-|$(reuse "$bare/" "" "$v")")
done

# pgbench: the database ceiling, in its own database of the same cluster.
iris_psql "$IRIS_BENCH_PG_PORT" postgres -c 'CREATE DATABASE pgbench'
PGHOST=127.0.0.1 PGPORT="$IRIS_BENCH_PG_PORT" PGUSER=iris timeout 120 "$pgbench" -i -q -s 2 pgbench \
  >>"$tmp/logs/pgbench.log" 2>&1 || iris_die "pgbench -i failed (log: $tmp/logs/pgbench.log)"
pgbench_best -S -M prepared pgbench
pg_tps="$best_tps" pg_lat="$best_lat" pg_clients="$best_clients"
iris_log "pgbench -S: $pg_tps tps at its best client count $pg_clients, average latency $pg_lat ms"
rows+=("pgbench -S -M prepared (ceiling, best of 1/2/4/8 clients)|-|$pg_clients|$pg_tps|avg $pg_lat|-|-|-|100 %|-|-")

# --- scenarios: each at peak without and with the header, then at about half of its peak -----
# Organisation data and credentials (lib/orgs.sh) are prepared before the first scenario that
# uses them is measured.
declare -A vars=()  # @NAME@ placeholders of SCENARIOS
org_rows=0
split_done=0
# run_scenario LINE: one SCENARIOS line (rows "-": on whatever organisations are loaded).
run_scenario() {
  local s="$1" label kind nrows path extra script own url code v ceiling own_ratio
  IFS='|' read -r label kind nrows path extra script own <<<"$s"
  if [[ "$nrows" == - ]]; then
    [[ -n "${vars[TOKEN]:-}" ]] || credentials
  elif ((nrows > org_rows)); then
    [[ -n "${vars[TOKEN]:-}" ]] || credentials
    load_orgs "$nrows"
    # Once, on the first (1,000-row) table: before the writes and the 100,000-row load, whose
    # autovacuum and checkpoints would run in the background of these one-at-a-time figures.
    ((split_done)) || { latency_split; split_done=1; }
  elif ((nrows < org_rows)); then
    iris_die "scenario '$label' needs $nrows rows after $org_rows: keep SCENARIOS in order of rows"
  fi
  # The grants scenarios' calls, applications and member token (lib/grants.sh), once.
  if grants_needed "$s" && ((!grants_loaded)); then load_grants; fi
  # The events scenarios' events and member token (lib/events.sh), once.
  if events_needed "$s" && ((!events_loaded)); then load_events; fi
  # The documents search scenarios' documents (lib/documents.sh), once.
  if documents_needed "$s" && ((!documents_loaded)); then load_documents; fi
  # The scenario's own SQL on the data as it is now (measured once per key and table size).
  [[ -z "$own" ]] || measure_own "$own"
  url="$base$(expand "$path")"
  extra="$(expand "$extra")"
  curl_args "$script" "$extra"
  code="$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "${curl_opts[@]}" "$url")" || true
  [[ "$code" == 2?? ]] || iris_die "$label answers HTTP $code before measuring: $url"
  # One unrecorded second first, so no scenario pays for cold caches and fresh connections
  # (first page against deep page is only fair when both are warm).
  wrk_seconds=1 run_wrk "warm-up: $label" 2 "$conns" "$url" "$script" "$extra"
  for v in "${variants[@]}"; do
    [[ -n "$v" ]] || cpu_start
    run_wrk "$label [$(variant_name "$v")]" 2 "$conns" "$url" "$script" "$extra" "$v"
    [[ -n "$v" ]] || cpu_end "$label"
    if [[ "$kind" == db ]]; then ceiling="$pg_tps"; else ceiling="${peak["bare|$v"]}"; fi
    if [[ -z "$v" ]]; then
      peak["$label"]="$rps" peak_p50["$label"]="$p50"
    fi
    own_ratio="-"
    [[ -z "$own" ]] || own_ratio="$(ratio "$rps" "${own_tps["$own|$org_rows"]}")"
    rows+=("$label|$(variant_name "$v")|$conns|$rps|$p50|$p99|$non2xx|$errors|$(ratio "$rps" "$ceiling")|$own_ratio|$(reuse "$url" "$script" "$extra" "$v")")
  done
  half_rate "$label" "$url" "$script" "${peak["$label"]}" "$extra"
}
half_rate "bare Pistache (ceiling)" "$bare/" "" "${peak["bare|"]}"
for s in "${SCENARIOS[@]}"; do run_scenario "$s"; done
events_places_check
# Documents (lib/documents.sh): 50 MiB up and down through the gateway, peak RSS meanwhile.
documents_transfers
# Notifications (lib/notifications.sh): webhook latency and relay throughput, then the feed
# over the messages they left.
notif_section
notif_feed

rss_load_gateway="$(rss_mb "${IRIS_PIDS[gateway]}")"
rss_load_membership="$(rss_mb "${IRIS_PIDS[membership]}")"
rss_load_grants="$(rss_mb "${IRIS_PIDS[grants]}")"
rss_load_events="$(rss_mb "${IRIS_PIDS[events]}")"
rss_load_documents="$(rss_mb "${IRIS_PIDS[documents]}")"
rss_load_notifications="$(rss_mb "${IRIS_PIDS[notifications]}")"
rss_bare="$(rss_mb "${IRIS_PIDS[bare]}")"


# --- report ---------------------------------------------------------------------------------
write_results "$results_md"
echo
report_table
echo
report_notifications
echo
report_goals
echo
iris_log "wrote $results_md"
