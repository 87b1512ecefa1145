#!/usr/bin/env bash
# scripts/run.sh as a supervisor, with the real binaries: a killed membership is restarted while
# the gateway keeps serving; a crash loop stops everything with a non-zero status; SIGTERM stops
# everything with status 0. Nothing is left running either way.
# Usage: run_supervisor_test.sh BUILD_DIR (ctest passes CMAKE_BINARY_DIR; nothing is built).
# Runs as root like scripts/test.sh (PostgreSQL then runs as irisdb) or as a plain user.
# shellcheck disable=SC2317  # the predicates below are called through check and wait_for
set -uo pipefail  # no -e: a failed check is counted and the test goes on (or stops) by itself

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[[ $# -eq 1 && -d "$1" ]] || {
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
}
build_dir="$(cd "$1" && pwd)"

# What the caller's environment holds for IRIS (e.g. scripts/test.sh's exports) must not reach
# this run.sh; it gets exactly the settings below (and IRIS_PG_BIN, where Postgres lives).
while read -r var; do unset "$var"; done < <(compgen -e | grep '^IRIS_' | grep -vx IRIS_PG_BIN)

passed=0
failed=0
pass() {
  passed=$((passed + 1))
  echo "ok: $*"
}
fail() {
  failed=$((failed + 1))
  echo "FAILED: $*"
}
# check DESCRIPTION COMMAND...: one counted check.
check() {
  local what="$1"
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
# wait_for SECONDS COMMAND...: polls COMMAND every 0.2 s; every wait of this test is bounded.
wait_for() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

for bin in services/membership/iris-membership services/gateway/iris-gateway; do
  if [[ ! -x "$build_dir/$bin" ]]; then
    echo "$build_dir/$bin is missing: build it first"
    echo "run_supervisor_test: 0 passed, 1 failed"
    exit 1
  fi
done

# --- a data dir PostgreSQL's user can reach, ports nobody else uses ---------------------------
tmp="$(mktemp -d /tmp/iris-supervisor-test.XXXXXX)"
chmod 755 "$tmp"  # Postgres runs as irisdb under root (initdb refuses root), like scripts/test.sh
data="$tmp/data"

# port_free PORT: no socket of any state on it (ss sees every address and every user).
port_free() {
  [[ -z "$(ss -Htan "sport = :$1" 2>/dev/null)" ]]
}
# Below 32768, so no client socket (ephemeral range) can take one after the check; 21000-24999
# stays clear of scripts/test.sh (15532, 16479), run.sh's and bench/run.sh's defaults.
# pick_port VAR: sets port[VAR]. Not run in a subshell ($(...)), which would forget `taken` and
# could hand two variables one port (it did: Redis and a metrics port, once in a few hundred).
declare -A taken=()
declare -A port=()
pick_port() {
  local p tries
  for ((tries = 0; tries < 200; tries++)); do
    p=$((21000 + RANDOM % 4000))
    if [[ -z "${taken[$p]:-}" ]] && port_free "$p"; then
      taken[$p]=1
      port[$1]="$p"
      return 0
    fi
  done
  return 1
}
port_vars=(IRIS_PG_PORT IRIS_REDIS_PORT IRIS_HTTP_PORT IRIS_METRICS_PORT
  IRIS_MEMBERSHIP_GRPC_PORT IRIS_MEMBERSHIP_METRICS_PORT)
for var in "${port_vars[@]}"; do
  pick_port "$var" || {
    echo "no free port found in 21000-24999"
    rm -rf "$tmp"
    echo "run_supervisor_test: 0 passed, 1 failed"
    exit 1
  }
done
base="http://127.0.0.1:${port[IRIS_HTTP_PORT]}"

# --- run.sh in the background, its output in a file -------------------------------------------
run_pid=""
run_out=""
# start_run NAME: starts scripts/run.sh with this test's settings; output in $tmp/NAME.out.
start_run() {
  local var envs=()
  for var in "${port_vars[@]}"; do envs+=("$var=${port[$var]}"); done
  run_out="$tmp/$1.out"
  # IRIS_RESTART_MAX=3: the crash loop is reached after four kills instead of six.
  env IRIS_SKIP_BUILD=1 IRIS_BUILD_DIR="$build_dir" IRIS_DATA_DIR="$data" IRIS_DEMO=0 \
    IRIS_RESTART_MAX=3 IRIS_RESTART_WINDOW_S=60 "${envs[@]}" \
    bash "$root/scripts/run.sh" </dev/null >"$run_out" 2>&1 &
  run_pid=$!
}
run_alive() { [[ -n "$run_pid" ]] && kill -0 "$run_pid" 2>/dev/null; }
run_gone() { ! run_alive; }
run_says() { grep -qF -- "$1" "$run_out"; }
# wait_run_exit SECONDS: waits for run.sh to end; its exit status in run_rc (none: 255).
run_rc=255
wait_run_exit() {
  run_rc=255
  wait_for "$1" run_gone || return 1
  run_rc=0
  wait "$run_pid" || run_rc=$?
  run_pid=""
}
running_or_gone() { run_says "IRIS is running" || run_gone; }
wait_running() { wait_for 120 running_or_gone && run_says "IRIS is running"; }

membership_pid() { cut -d' ' -f1 "$data/run/membership.pid" 2>/dev/null; }
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$base$1"; }
networks_ok() { [[ "$(http_code /v1/networks/RS)" == 200 ]]; }
healthz_ok() { [[ "$(http_code /healthz)" == 200 ]]; }
# alive PID: running; a zombie (dead, its parent has not reaped it yet) is not.
alive() {
  local stat
  [[ -n "$1" ]] && stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat:0:1}" != Z ]]
}

# What a run leaves behind if it fails to stop: every process it started has IRIS_DATA_DIR in its
# environment (run.sh exports it) or the data dir in its command line (postgres -D), plus the
# postmaster and Redis pids noted while running. Prints "pid command" lines.
noted_pids=()
note_pids() {
  noted_pids=()
  local p
  p="$(head -n1 "$data/pg/postmaster.pid" 2>/dev/null)" && noted_pids+=("$p")
  p="$(cat "$data/redis/redis.pid" 2>/dev/null)" && noted_pids+=("$p")
  p="$(membership_pid)" && noted_pids+=("$p")
  p="$(cut -d' ' -f1 "$data/run/gateway.pid" 2>/dev/null)" && noted_pids+=("$p")
}
leftovers() {
  local f pid
  # grep finds its own command line too; it has ended by the time its pid is checked.
  while read -r f; do
    pid="${f#/proc/}"
    pid="${pid%%/*}"
    if [[ "$pid" != "$$" && "$pid" != "$BASHPID" ]] && alive "$pid"; then
      printf '%s %s\n' "$pid" "$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline")"
    fi
  done < <({
    grep -lsxzF "IRIS_DATA_DIR=$data" /proc/[0-9]*/environ
    grep -lszF "$data/" /proc/[0-9]*/cmdline
  } | sort -u)
  for pid in "${noted_pids[@]}"; do
    if [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid"; then
      printf '%s %s (noted while running)\n' "$pid" "$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline")"
    fi
  done
  for var in "${port_vars[@]}"; do
    if [[ -n "$(ss -Hltn "sport = :${port[$var]}" 2>/dev/null)" ]]; then
      printf 'port %s (%s) still listening\n' "${port[$var]}" "$var"
    fi
  done
}
nothing_left() {
  local left
  left="$(leftovers)"
  [[ -z "$left" ]] && return 0
  printf 'still running:\n%s\n' "$left"
  return 1
}

show_output() {
  echo "---- run.sh output ($run_out) ----"
  cat "$run_out" 2>/dev/null
  local f
  for f in "$data"/logs/*.log; do
    [[ -e "$f" ]] || continue
    echo "---- $f (last 40 lines) ----"
    tail -n 40 "$f"
  done
}

cleanup() {
  local rc=$? pid
  trap '' INT TERM HUP
  if run_alive; then
    kill -TERM "$run_pid" 2>/dev/null
    wait_for 40 run_gone || kill -KILL "$run_pid" 2>/dev/null
  fi
  # Whatever is still there: Postgres by an immediate shutdown (SIGQUIT stops its children too).
  pid="$(head -n1 "$data/pg/postmaster.pid" 2>/dev/null)"
  if [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid"; then kill -QUIT "$pid" 2>/dev/null; fi
  while read -r pid _; do
    if [[ "$pid" =~ ^[0-9]+$ ]]; then kill -KILL "$pid" 2>/dev/null; fi
  done < <(leftovers)
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# finish: the summary line, and everything to look at when something failed.
finish() {
  if ((failed > 0)); then show_output; fi
  echo "run_supervisor_test: $passed passed, $failed failed"
  if ((failed == 0)); then exit 0; else exit 1; fi
}
started=$SECONDS

# --- 1. kill -9 of membership: the gateway keeps serving, membership comes back ---------------
start_run first
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
if wait_for 20 restarted_and_serving; then
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
start_run second
if wait_running; then
  pass "a second run prints 'IRIS is running'"
  note_pids
  check "GET /v1/networks/RS answers 200 in the second run" networks_ok
  kill -TERM "$run_pid"
  if wait_run_exit 60; then
    check "run.sh exits 0 on SIGTERM (status $run_rc)" test "$run_rc" -eq 0
    check "run.sh says it stopped" run_says "iris: stopped"
  else
    fail "run.sh ends within 60 s of SIGTERM"
  fi
  check "SIGTERM leaves nothing running" nothing_left
else
  fail "a second run prints 'IRIS is running' within 120 s"
fi

echo "took $((SECONDS - started)) s"
finish
