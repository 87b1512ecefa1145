#!/usr/bin/env bash
# Runs the whole IRIS system on this machine: installs what is missing, builds, starts a
# project-local PostgreSQL 15 and Redis, migrates, loads demo data, starts every service and
# the gateway, restarts one that crashes, and stays in the foreground until Ctrl-C / SIGTERM.
# Settings: IRIS_* environment variables (README.md lists them). Run as root or a sudoer.
set -euo pipefail

here="$(dirname "${BASH_SOURCE[0]}")"
source "$here/lib/common.sh"
source "$here/lib/packages.sh"
source "$here/lib/build.sh"
source "$here/lib/ports.sh"
source "$here/lib/postgres.sh"
source "$here/lib/redis.sh"
source "$here/lib/procs.sh"
source "$here/lib/npm.sh"

case "${1:-}" in
  "") ;;
  -h | --help)
    sed -n '2,5s/^# \{0,1\}//p' "$0"
    exit 0
    ;;
  *) iris_die "unknown argument '$1' (settings are IRIS_* environment variables; see README.md)" ;;
esac

# --- settings -----------------------------------------------------------------------------
IRIS_DATA_DIR="$(iris_abs "${IRIS_DATA_DIR:-.iris}")"
IRIS_LOG_DIR="$IRIS_DATA_DIR/logs"
IRIS_RUN_DIR="$IRIS_DATA_DIR/run"
: "${IRIS_PG_PORT:=15432}" "${IRIS_REDIS_PORT:=16379}"
: "${IRIS_HTTP_PORT:=8080}" "${IRIS_METRICS_PORT:=9464}"
: "${IRIS_LISTEN_HOST:=127.0.0.1}" "${IRIS_ADMIN_EMAIL:=admin@iris.example.org}"
: "${IRIS_DEMO:=1}"
# Crash-loop limits of the supervisor (lib/procs.sh); checked here, not at the first crash.
: "${IRIS_RESTART_MAX:=5}" "${IRIS_RESTART_WINDOW_S:=60}" "${IRIS_RESTART_RESET_S:=30}"
for var in IRIS_RESTART_MAX IRIS_RESTART_WINDOW_S IRIS_RESTART_RESET_S; do
  [[ "${!var}" =~ ^(0|[1-9][0-9]*)$ ]] || iris_die "$var='${!var}' is not a whole number"
done
IRIS_REDIS_HOST=127.0.0.1  # the Redis started here
# The gateway's own default is 0.0.0.0 (containers); on a workstation it stays local too.
: "${IRIS_HTTP_HOST:=$IRIS_LISTEN_HOST}" "${IRIS_METRICS_HOST:=$IRIS_LISTEN_HOST}"
export IRIS_DATA_DIR IRIS_PG_PORT IRIS_REDIS_PORT IRIS_REDIS_HOST IRIS_HTTP_PORT IRIS_HTTP_HOST \
  IRIS_METRICS_PORT IRIS_METRICS_HOST IRIS_LISTEN_HOST IRIS_ADMIN_EMAIL

# connect_host HOST: where a client reaches a listener; a wildcard is reached through loopback.
connect_host() {
  case "$1" in
    0.0.0.0 | :: | "[::]") printf '127.0.0.1\n' ;;
    *) printf '%s\n' "$1" ;;
  esac
}
IRIS_CONNECT_HOST="$(connect_host "$IRIS_LISTEN_HOST")"

ports=(IRIS_PG_PORT IRIS_REDIS_PORT IRIS_HTTP_PORT IRIS_METRICS_PORT)
for svc in "${IRIS_SERVICES[@]}"; do
  i="$(iris_port_index "$svc")" || iris_die "$svc is not in IRIS_PORT_ORDER"
  grpc_var="$(iris_svc_var "$svc" GRPC_PORT)"
  metrics_var="$(iris_svc_var "$svc" METRICS_PORT)"
  url_var="$(iris_svc_var "$svc" DATABASE_URL)"
  addr_var="$(iris_svc_var "$svc" ADDR)"
  iris_default "$grpc_var" $((50051 + i))
  iris_default "$metrics_var" $((9465 + i))
  iris_default "$url_var" "postgresql://iris_$svc:iris_$svc@127.0.0.1:$IRIS_PG_PORT/iris"
  iris_default "$addr_var" "$IRIS_CONNECT_HOST:${!grpc_var}"
  ports+=("$grpc_var" "$metrics_var")
done
binary() { printf '%s/services/%s/iris-%s\n' "$IRIS_BUILD_DIR" "$1" "$1"; }

iris_install_packages

# --- one run per data dir; clear what a killed run left; all ports free --------------------
mkdir -p "$IRIS_DATA_DIR" "$IRIS_LOG_DIR" "$IRIS_RUN_DIR"
exec 9>"$IRIS_DATA_DIR/run.lock"
flock -n 9 || iris_die "another scripts/run.sh is running with IRIS_DATA_DIR=$IRIS_DATA_DIR; \
stop it first, or give this one its own IRIS_DATA_DIR and ports"
iris_stop_stale
iris_redis_stop_stale "$IRIS_DATA_DIR/redis"
if [[ -f "$IRIS_DATA_DIR/pg/PG_VERSION" ]] && iris_pg_running "$IRIS_DATA_DIR/pg"; then
  iris_log "PostgreSQL of $IRIS_DATA_DIR/pg is still running from an earlier run"
  iris_pg_stop "$IRIS_DATA_DIR/pg"
fi

iris_check_ports "${ports[@]}" || exit 1

# --- build: after the checks, so a taken port fails in a second, not after a long compile -
if [[ "${IRIS_SKIP_BUILD:-0}" != 1 ]]; then
  targets=(iris-gateway)
  for svc in "${IRIS_SERVICES[@]}"; do targets+=("iris-$svc"); done
  iris_build "${targets[@]}"
fi
for name in "${IRIS_SERVICES[@]}" gateway; do
  [[ -x "$(binary "$name")" ]] || iris_die "$(binary "$name") is missing: build it (unset IRIS_SKIP_BUILD)"
done

# --- the interactive docs page (GET /docs): Swagger UI from npm ---------------------------
# IRIS_DOCS_DIR set (even empty: no page) is used as it is; otherwise the page's npm
# directory, installed here. Without the npm registry the system still runs, without the page.
if [[ ! -v IRIS_DOCS_DIR ]]; then
  docs_dir="$IRIS_ROOT/services/gateway/docs_page"
  if iris_npm_ci "$docs_dir"; then
    IRIS_DOCS_DIR="$docs_dir"
  else
    iris_log "warning: npm ci failed in $docs_dir: the gateway runs without its docs page"
    IRIS_DOCS_DIR=""
  fi
elif [[ -n "$IRIS_DOCS_DIR" ]]; then
  IRIS_DOCS_DIR="$(iris_abs "$IRIS_DOCS_DIR")"
fi
export IRIS_DOCS_DIR

# Each run starts fresh logs, so "last lines" in an error are this run's; one earlier run is
# kept as <name>.log.1.
for f in "$IRIS_LOG_DIR"/*.log; do
  if [[ -e "$f" ]]; then mv -f "$f" "$f.1"; fi
done

# --- stop everything on the way out -------------------------------------------------------
pg_started=0
stopping=0
sleeper=""
stop_all() {
  ((stopping == 0)) || return 0
  stopping=1
  trap '' INT TERM HUP PIPE  # a second Ctrl-C must not cut the orderly stop short; it is bounded
  [[ -z "$sleeper" ]] || kill "$sleeper" 2>/dev/null || true
  iris_stop_started
  iris_stop_strays "${IRIS_REDIS_PID:-}"
  if [[ -n "${IRIS_REDIS_PID:-}" ]]; then
    iris_log "stopping Redis (pid $IRIS_REDIS_PID)"
    iris_stop_pid redis "$IRIS_REDIS_PID"
  fi
  ((pg_started == 0)) || iris_pg_stop "$IRIS_DATA_DIR/pg"
}
on_exit() {
  local rc=$?
  stop_all
  exit "$rc"
}
on_signal() {
  iris_log "stopping (signal received)"
  stop_all
  iris_log "stopped"
  exit 0
}
trap on_exit EXIT
trap on_signal INT TERM HUP PIPE

# --- secrets that must survive restarts (cursors, tokens, webhook secrets, the admin password)
secrets="$IRIS_DATA_DIR/secrets.env"
if [[ -f "$secrets" ]]; then
  while IFS='=' read -r key value; do
    if [[ "$key" =~ ^IRIS_[A-Z0-9_]+$ && -z "${!key:-}" ]]; then export "$key=$value"; fi
  done <"$secrets"
fi
new_password=""
for key in IRIS_CURSOR_SECRET IRIS_JWT_SECRET IRIS_WEBHOOK_SECRET_KEY IRIS_ADMIN_PASSWORD; do
  if [[ -z "${!key:-}" ]]; then
    if [[ $key == IRIS_ADMIN_PASSWORD ]]; then
      value="$(iris_random_hex 12)"
      new_password="$value"
    else
      value="$(iris_random_hex 32)"
    fi
    (umask 077 && printf '%s=%s\n' "$key" "$value" >>"$secrets")
    export "$key=$value"
  fi
done
# The gateway signs who is calling with this Ed25519 key; services trust only its public half.
if [[ -z "${IRIS_CALLER_SIGNING_KEY:-}" || -z "${IRIS_CALLER_VERIFY_KEYS:-}" ]]; then
  pair="$("$(binary gateway)" --new-caller-keys)" || iris_die "could not make the caller keys"
  (umask 077 && printf '%s\n' "$pair" >>"$secrets")
  while IFS='=' read -r key value; do export "$key=$value"; done <<<"$pair"
fi

# --- PostgreSQL and Redis -----------------------------------------------------------------
iris_pg_ensure_owner
iris_pg_make_reachable "$IRIS_LOG_DIR" "$IRIS_ROOT" "$IRIS_DATA_DIR"  # also reaches the data dir
iris_pg_init "$IRIS_DATA_DIR/pg"
pg_started=1
iris_pg_start "$IRIS_DATA_DIR/pg" "$IRIS_PG_PORT" "$IRIS_LOG_DIR/postgres.log"
iris_pg_provision "$IRIS_PG_PORT" iris
iris_redis_start "$IRIS_DATA_DIR/redis" "$IRIS_REDIS_PORT" "$IRIS_LOG_DIR/redis.log"

# --- migrations and demo data -------------------------------------------------------------
for svc in "${IRIS_SERVICES[@]}"; do
  log="$IRIS_LOG_DIR/$svc.log"
  iris_log "migrating $svc"
  if ! timeout 300 "$(binary "$svc")" --migrate-only </dev/null >>"$log" 2>&1 9>&-; then
    iris_tail_log "$svc" "$log"
    iris_die "$svc --migrate-only failed (log: $log)"
  fi
  [[ "$IRIS_DEMO" != 0 ]] || continue
  # Probe on port 0 without migrating, so a binary that ignores --help cannot collide with
  # anything; timeout bounds it.
  grpc_var="$(iris_svc_var "$svc" GRPC_PORT)"
  metrics_var="$(iris_svc_var "$svc" METRICS_PORT)"
  help="$(env "$grpc_var=0" "$metrics_var=0" IRIS_MIGRATE_ON_START=0 \
    timeout 10 "$(binary "$svc")" --help </dev/null 2>&1 9>&-)" || true
  if [[ "$help" == *--load-demo* ]]; then
    iris_log "loading demo data into $svc (IRIS_DEMO=0 skips this)"
    if ! timeout 300 "$(binary "$svc")" --load-demo </dev/null >>"$log" 2>&1 9>&-; then
      iris_tail_log "$svc" "$log"
      iris_die "$svc --load-demo failed (log: $log)"
    fi
  fi
done

# --- services, then the gateway -----------------------------------------------------------
for svc in "${IRIS_SERVICES[@]}"; do
  grpc_var="$(iris_svc_var "$svc" GRPC_PORT)"
  iris_log "starting $svc (gRPC $IRIS_CONNECT_HOST:${!grpc_var})"
  iris_spawn "$svc" "$IRIS_LOG_DIR/$svc.log" "$(binary "$svc")"
  iris_wait_ready "$svc" "$IRIS_LOG_DIR/$svc.log" iris_connectable "$IRIS_CONNECT_HOST" "${!grpc_var}"
done
iris_log "starting gateway (HTTP $IRIS_HTTP_HOST:$IRIS_HTTP_PORT)"
iris_spawn gateway "$IRIS_LOG_DIR/gateway.log" "$(binary gateway)"
base="http://$(connect_host "$IRIS_HTTP_HOST"):$IRIS_HTTP_PORT"
gateway_ready() {
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/readyz")" == 200 ]]
}
iris_wait_ready gateway "$IRIS_LOG_DIR/gateway.log" gateway_ready

# --- what runs where ----------------------------------------------------------------------
{
  echo
  echo "IRIS is running. Ctrl-C stops everything."
  echo "  API         $base   (try: curl $base/v1/networks)"
  echo "  contract    $base/v1/openapi.json"
  if [[ -n "$IRIS_DOCS_DIR" ]]; then echo "  docs        $base/docs   (interactive; docs/getting-started.md)"; fi
  echo "  health      $base/healthz  $base/readyz"
  echo "  metrics     gateway http://$(connect_host "$IRIS_METRICS_HOST"):$IRIS_METRICS_PORT/metrics"
  for svc in "${IRIS_SERVICES[@]}"; do
    grpc_var="$(iris_svc_var "$svc" GRPC_PORT)"
    metrics_var="$(iris_svc_var "$svc" METRICS_PORT)"
    printf '  %-11s gRPC %s:%s, metrics http://%s:%s/metrics\n' "$svc" \
      "$IRIS_CONNECT_HOST" "${!grpc_var}" "$IRIS_CONNECT_HOST" "${!metrics_var}"
  done
  echo "  PostgreSQL  postgresql://iris@127.0.0.1:$IRIS_PG_PORT/iris (superuser; cluster $IRIS_DATA_DIR/pg)"
  echo "  Redis       127.0.0.1:$IRIS_REDIS_PORT"
  if [[ -n "$new_password" ]]; then
    echo "  admin       $IRIS_ADMIN_EMAIL, password $new_password (shown once; kept in $secrets)"
  else
    echo "  admin       $IRIS_ADMIN_EMAIL (password: IRIS_ADMIN_PASSWORD in $secrets, or as you set it)"
  fi
  echo "  logs        $IRIS_LOG_DIR/{postgres,redis,$(IFS=,; echo "${IRIS_SERVICES[*]}"),gateway}.log"
  echo
} >&2

# --- foreground: until a signal; restarts a service or the gateway that dies --------------
# serving NAME: a restarted process is back: a service's gRPC port accepts connections, the
# gateway answers /healthz (not /readyz, which also depends on the services).
serving() {
  local grpc_var
  if [[ "$1" == gateway ]]; then
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/healthz")" == 200 ]]
  else
    grpc_var="$(iris_svc_var "$1" GRPC_PORT)"
    iris_connectable "$IRIS_CONNECT_HOST" "${!grpc_var}"
  fi
}
# PostgreSQL and Redis are not restarted: the services ride out their outages, but their dying
# under a local run (disk full, out of memory, killed by hand) needs a person, so it stops all.
pgpid="$(head -n1 "$IRIS_DATA_DIR/pg/postmaster.pid" 2>/dev/null)" || pgpid=""
while :; do
  tick=2
  if iris_supervise_pending; then tick=0.25; fi
  sleep "$tick" 9>&- &
  sleeper=$!
  watched=("$sleeper" "$IRIS_REDIS_PID")
  for name in "${IRIS_STARTED[@]}"; do
    if [[ -n "${IRIS_PIDS[$name]}" ]]; then watched+=("${IRIS_PIDS[$name]}"); fi
  done
  # 2>/dev/null: bash's own "Killed ..." line for a job it reaps here; iris_reap_crashed says it.
  wait -n "${watched[@]}" 2>/dev/null || true
  kill "$sleeper" 2>/dev/null || true  # one sleeper at a time
  for name in redis postgres; do
    pid="$IRIS_REDIS_PID"
    if [[ "$name" == postgres ]]; then pid="$pgpid"; fi
    if [[ -n "$pid" ]] && ! iris_pid_alive "$pid"; then
      iris_tail_log "$name" "$IRIS_LOG_DIR/$name.log"
      iris_die "$name (pid $pid) stopped unexpectedly; run.sh restarts the services and the \
gateway but not PostgreSQL or Redis, so it stops the rest"
    fi
  done
  iris_reap_crashed
  iris_restart_due serving
done
