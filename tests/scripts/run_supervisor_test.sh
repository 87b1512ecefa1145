#!/usr/bin/env bash
# scripts/run.sh as a supervisor, with the real binaries: a killed membership is restarted while
# the gateway keeps serving; a crash loop stops everything with a non-zero status; SIGTERM stops
# everything with status 0. Nothing is left running either way.
# Usage: run_supervisor_test.sh BUILD_DIR (ctest passes CMAKE_BINARY_DIR; nothing is built).
# shellcheck disable=SC2317  # the predicates below are called through check and iris_wait_until
set -uo pipefail  # no -e: a failed check is counted and the test goes on (or stops) by itself

# Ports, data dir, start_run / wait_running / stop_run, check, finish and the cleanup trap.
# shellcheck source=lib/run_harness.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/run_harness.sh"

membership_pid() { cut -d' ' -f1 "$data/run/membership.pid" 2>/dev/null; }
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$base$1"; }
networks_ok() { [[ "$(http_code /v1/networks/RS)" == 200 ]]; }
healthz_ok() { [[ "$(http_code /healthz)" == 200 ]]; }
started=$SECONDS

# --- 1. kill -9 of membership: the gateway keeps serving, membership comes back ---------------
# IRIS_RESTART_MAX=3: the crash loop is reached after four kills instead of six.
start_run first IRIS_RESTART_MAX=3 IRIS_RESTART_WINDOW_S=60
if ! wait_running; then
  fail "run.sh prints 'IRIS is running' within 120 s"
  finish
fi
pass "run.sh prints 'IRIS is running' ($((SECONDS - started)) s)"
note_pids
check "GET /v1/networks/RS answers 200 before the kill" networks_ok

victim="$(membership_pid)"
kill -KILL "$victim"
killed_at=$SECONDS
check "GET /healthz answers 200 while membership is down" healthz_ok
countries_answer=""
countries_ok() {
  local headers="$tmp/countries.headers"
  countries_answer="$(curl -s -D "$headers" -o /dev/null -w '%{http_code}' --max-time 3 \
    "$base/v1/countries")"
  [[ "$countries_answer" == 200 ]] && return 0
  if [[ "$countries_answer" == 503 ]] && grep -qi '^retry-after:' "$headers" &&
    grep -qi '^content-type: *application/problem+json' "$headers"; then
    return 0
  fi
  echo "GET /v1/countries answered ${countries_answer:-nothing}:"
  cat "$headers"
  return 1
}
check "GET /v1/countries answers 200 (cached) or 503 problem+json with Retry-After while \
membership is down" countries_ok
echo "   (GET /v1/countries answered $countries_answer)"
restarted_and_serving() { run_says "restarted membership (pid " && networks_ok; }
if iris_wait_until 20 restarted_and_serving; then
  pass "run.sh logs 'restarted membership (pid N)' and GET /v1/networks/RS answers 200, \
$((SECONDS - killed_at)) s after the kill"
else
  fail "within 20 s of the kill, run.sh logs 'restarted membership (pid N)' and \
GET /v1/networks/RS answers 200"
fi
check "run.sh says membership was killed by signal KILL" \
  run_says "membership (pid $victim) was killed by signal KILL"
# pidfile_follows_restart: membership.pid (read by the next run's iris_stop_stale) names the
# process run.sh restarted, which runs the membership binary.
pidfile_follows_restart() {
  local pid exe
  read -r pid exe <"$data/run/membership.pid" || return 1
  [[ "$pid" != "$victim" ]] && alive "$pid" && run_says "restarted membership (pid $pid)" &&
    [[ "$exe" == "$(readlink "/proc/$pid/exe")" && "$exe" == */iris-membership ]]
}
check "membership.pid names the restarted membership" pidfile_follows_restart
check "run.sh is still running" run_alive

# --- 2. a crash loop stops everything ---------------------------------------------------------
note_pids
# Each membership run.sh starts is killed as soon as its pidfile names it.
last=""
kills=1
deadline=$((SECONDS + 90))
while run_alive && ((SECONDS < deadline)); do
  pid="$(membership_pid)"
  if [[ -n "$pid" ]] && alive "$pid"; then
    if [[ "$pid" != "$last" ]]; then kills=$((kills + 1)); fi
    last="$pid"
    kill -KILL "$pid" 2>/dev/null
  fi
  sleep 0.1
done
if wait_run_exit 60; then
  pass "run.sh ends after $kills kills of membership"
  check "run.sh exits non-zero on a crash loop (status $run_rc)" test "$run_rc" -ne 0
  check "run.sh says membership crashed too often" run_says "error: membership crashed"
else
  fail "run.sh ends within 90 s of repeated kills of membership ($kills kills)"
fi
check "the crash loop leaves nothing running" nothing_left

# --- 3. SIGTERM stops everything, status 0 ----------------------------------------------------
start_run second IRIS_RESTART_MAX=3 IRIS_RESTART_WINDOW_S=60
if wait_running; then
  pass "a second run prints 'IRIS is running'"
  check "GET /v1/networks/RS answers 200 in the second run" networks_ok
  stop_run
  check "run.sh says it stopped" run_says "iris: stopped"
else
  fail "a second run prints 'IRIS is running' within 120 s"
fi

echo "took $((SECONDS - started)) s"
finish
