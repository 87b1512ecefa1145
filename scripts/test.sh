#!/usr/bin/env bash
# Runs every test: installs what is missing, builds everything, starts a throwaway PostgreSQL
# and Redis (own ports, temporary data dir), runs ctest (extra arguments go to ctest, e.g.
# `-L unit`), validates docs/openapi.yaml, stops what it started and ends with one line
# `tests: N passed, M failed`. IRIS_SKIP_BUILD=1 skips the build; exit status 0 = all passed.
# IRIS_TEST_EXEC="command" runs one command against the throwaway servers instead.
set -euo pipefail

here="$(dirname "${BASH_SOURCE[0]}")"
source "$here/lib/common.sh"
source "$here/lib/packages.sh"
source "$here/lib/build.sh"
source "$here/lib/ports.sh"
source "$here/lib/postgres.sh"
source "$here/lib/redis.sh"
source "$here/lib/format.sh"
source "$here/lib/npm.sh"

case "${1:-}" in
  -h | --help)
    sed -n '2,7s/^# \{0,1\}//p' "$0"
    exit 0
    ;;
esac

iris_default IRIS_TEST_PG_PORT 15532
iris_default IRIS_TEST_REDIS_PORT 16479

iris_install_packages "${IRIS_TEST_PACKAGES[@]}"
iris_check_ports IRIS_TEST_PG_PORT IRIS_TEST_REDIS_PORT || exit 1
# Before the build, so an unformatted file fails in seconds; the result counts at the end.
format_rc=0
iris_check_format || format_rc=1
if [[ "${IRIS_SKIP_BUILD:-0}" != 1 ]]; then
  iris_build all
fi
if [[ -n "${IRIS_SANITIZE:-}" ]]; then
  # Any sanitizer report fails the test that triggered it. Leak checking is off: gRPC and
  # protobuf keep process-lifetime singletons that LeakSanitizer reports at exit.
  export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:halt_on_error=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
fi
[[ -f "$IRIS_BUILD_DIR/CTestTestfile.cmake" ]] ||
  iris_die "$IRIS_BUILD_DIR is not a configured build (unset IRIS_SKIP_BUILD to build)"

# --- throwaway PostgreSQL and Redis, stopped whatever happens -----------------------------
tmp="$(mktemp -d -t iris-test.XXXXXX)"
chmod 755 "$tmp"  # Postgres runs as irisdb (initdb refuses root)
mkdir "$tmp/logs"
pg_started=0
IRIS_REDIS_PID=""
stop_servers() {
  if [[ -n "$IRIS_REDIS_PID" ]]; then iris_stop_pid redis "$IRIS_REDIS_PID"; fi
  IRIS_REDIS_PID=""
  iris_redis_stop_stale "$tmp/redis" "the Redis outage fault test (restarted, daemonized)"
  if ((pg_started)); then iris_pg_stop "$tmp/pg"; fi
  pg_started=0
}
cleanup() {
  local rc=$?
  trap '' INT TERM HUP PIPE
  stop_servers
  if [[ "${IRIS_KEEP_TEST_DATA:-0}" == 1 ]]; then
    iris_log "kept the test data dir $tmp (IRIS_KEEP_TEST_DATA=1)"
  else
    rm -rf "$tmp"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

iris_pg_ensure_owner
iris_pg_make_reachable "$tmp/logs" "$tmp"
iris_pg_init "$tmp/pg"
pg_started=1
# Durability against an OS crash buys nothing for data deleted after the run (fsync=off). A
# commit still waits until its WAL reached the OS (synchronous_commit stays on): the write
# fault test stops Postgres in immediate mode and requires every acknowledged create to
# survive, as it does on a real server; with synchronous_commit=off the last ones were lost.
iris_pg_start "$tmp/pg" "$IRIS_TEST_PG_PORT" "$tmp/logs/postgres.log" \
  fsync=off full_page_writes=off max_connections=200
iris_pg_provision "$IRIS_TEST_PG_PORT" iris_test
iris_redis_start "$tmp/redis" "$IRIS_TEST_REDIS_PORT" "$tmp/logs/redis.log"

export IRIS_TEST_PG_PORT IRIS_TEST_REDIS_PORT
# For the fault tests (tests/faults/), which stop and restart these two with the same settings:
# pg_ctl -D IRIS_TEST_PG_DATA -l IRIS_TEST_PG_LOG (as IRIS_TEST_PG_OWNER when set), and
# redis-server IRIS_TEST_REDIS_CONF.
export IRIS_TEST_PG_DATA="$tmp/pg" IRIS_TEST_PG_LOG="$tmp/logs/postgres.log" \
  IRIS_TEST_PG_BIN="$IRIS_PG_BIN" IRIS_TEST_REDIS_CONF="$tmp/redis/redis.conf"
if ((EUID == 0)); then export IRIS_TEST_PG_OWNER="$IRIS_PG_OWNER"; else export IRIS_TEST_PG_OWNER=""; fi
# Mail the e2e Systems' notifications write as files: one place for all (tests/e2e/system.hpp).
export IRIS_TEST_MAIL_DIR="$tmp/mail"
export IRIS_TEST_DATABASE_URL="postgresql://iris@127.0.0.1:$IRIS_TEST_PG_PORT/iris_test"
for svc in "${IRIS_SERVICES[@]}"; do
  export "$(iris_svc_var TEST_"$svc" DATABASE_URL)=postgresql://iris_$svc:iris_$svc@127.0.0.1:$IRIS_TEST_PG_PORT/iris_test"
done

# IRIS_TEST_EXEC="command": runs that command against these servers instead of the suite, for
# runs longer than a ctest timeout allows (the 100,000-input hostile run, see tests/faults).
if [[ -n "${IRIS_TEST_EXEC:-}" ]]; then
  set +e
  bash -c "$IRIS_TEST_EXEC"
  exec_rc=$?
  set -e
  stop_servers
  exit "$exec_rc"
fi

# --- ctest ----------------------------------------------------------------------------------
set +e
ctest --test-dir "$IRIS_BUILD_DIR" --output-on-failure -j2 --timeout 600 "$@" 2>&1 |
  tee "$tmp/ctest.out"
ctest_rc=${PIPESTATUS[0]}
set -e
passed=0
failed=0
# "95% tests passed, 2 tests failed out of 42"
summary="$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$tmp/ctest.out" | tail -n1)" || true
if [[ "$summary" =~ ([0-9]+)\ tests?\ failed\ out\ of\ ([0-9]+) ]]; then
  failed="${BASH_REMATCH[1]}"
  passed=$((BASH_REMATCH[2] - failed))
fi

# --- the REST contract ----------------------------------------------------------------------
openapi_rc=0
openapi_dir="$IRIS_ROOT/tests/openapi"
if ! iris_npm_ci "$openapi_dir"; then
  openapi_rc=1
  iris_log "npm ci failed in $openapi_dir"
fi
if ((openapi_rc == 0)); then
  node "$openapi_dir/validate.mjs" "$IRIS_ROOT/docs/openapi.yaml" || openapi_rc=1
fi

# Stopped before the summary, so that it is the last line CI reads.
stop_servers
if ((ctest_rc != 0)); then iris_log "ctest failed (exit status $ctest_rc)"; fi
if ((openapi_rc != 0)); then iris_log "docs/openapi.yaml did not validate"; fi
if ((format_rc != 0)); then iris_log "some C++ files are not formatted (scripts/format.sh fixes them)"; fi
echo "tests: $passed passed, $failed failed"
((ctest_rc == 0 && openapi_rc == 0 && format_rc == 0))
