# scripts/run.sh under test, for the tests of tests/scripts/: the built binaries, its own
# PostgreSQL and Redis on ports nobody else uses, a temporary data dir, and nothing left running
# at the end whatever happens. Sourced first by a test run as `TEST.sh BUILD_DIR` (ctest passes
# CMAKE_BINARY_DIR; nothing is built). It sets root, build_dir, tmp, data, port[VAR] and base,
# traps EXIT, and gives the test start_run / wait_running / stop_run, counted checks
# (check, pass, fail) and finish, which prints `<test>: N passed, M failed` and exits.
# Runs as root like scripts/test.sh (PostgreSQL then runs as irisdb) or as a plain user.
# shellcheck shell=bash
# shellcheck disable=SC2317  # predicates are called through check and iris_wait_until

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
test_name="$(basename "$0" .sh)"
[[ $# -ge 1 && -d "$1" ]] || {
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
}
build_dir="$(cd "$1" && pwd)"

# What the caller's environment holds for IRIS (e.g. scripts/test.sh's exports) must not reach
# this run.sh; it gets exactly the settings start_run gives (and IRIS_PG_BIN, where Postgres
# lives).
while read -r var; do unset "$var"; done < <(compgen -e | grep '^IRIS_' | grep -vx IRIS_PG_BIN)
# The service list and iris_svc_var, as run.sh has them.
# shellcheck source=../../../scripts/lib/common.sh
source "$root/scripts/lib/common.sh"

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

for name in "${IRIS_SERVICES[@]}" gateway; do
  if [[ ! -x "$build_dir/services/$name/iris-$name" ]]; then
    echo "$build_dir/services/$name/iris-$name is missing: build it first"
    echo "$test_name: 0 passed, 1 failed"
    exit 1
  fi
done

# --- a data dir PostgreSQL's user can reach, ports nobody else uses ---------------------------
tmp="$(mktemp -d "/tmp/iris-$test_name.XXXXXX")"
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
port_vars=(IRIS_PG_PORT IRIS_REDIS_PORT IRIS_HTTP_PORT IRIS_METRICS_PORT)
for svc in "${IRIS_SERVICES[@]}"; do
  port_vars+=("$(iris_svc_var "$svc" GRPC_PORT)" "$(iris_svc_var "$svc" METRICS_PORT)")
done
for var in "${port_vars[@]}"; do
  pick_port "$var" || {
    echo "no free port found in 21000-24999"
    rm -rf "$tmp"
    echo "$test_name: 0 passed, 1 failed"
    exit 1
  }
done
# shellcheck disable=SC2034  # the tests call it
base="http://127.0.0.1:${port[IRIS_HTTP_PORT]}"

# --- run.sh in the background, its output in a file -------------------------------------------
run_pid=""
run_out=""
# start_run NAME [VAR=VALUE...]: starts scripts/run.sh with this test's ports and data dir, no
# demo data unless a VAR=VALUE says otherwise; its output in $tmp/NAME.out.
start_run() {
  local var envs=()
  for var in "${port_vars[@]}"; do envs+=("$var=${port[$var]}"); done
  run_out="$tmp/$1.out"
  shift
  env IRIS_SKIP_BUILD=1 IRIS_BUILD_DIR="$build_dir" IRIS_DATA_DIR="$data" IRIS_DEMO=0 \
    "${envs[@]}" "$@" bash "$root/scripts/run.sh" </dev/null >"$run_out" 2>&1 &
  run_pid=$!
}
run_alive() { [[ -n "$run_pid" ]] && kill -0 "$run_pid" 2>/dev/null; }
run_gone() { ! run_alive; }
run_says() { grep -qF -- "$1" "$run_out"; }
# wait_run_exit SECONDS: waits for run.sh to end; its exit status in run_rc (none: 255).
run_rc=255
wait_run_exit() {
  run_rc=255
  iris_wait_until "$1" run_gone || return 1
  run_rc=0
  wait "$run_pid" || run_rc=$?
  run_pid=""
}
running_or_gone() { run_says "IRIS is running" || run_gone; }
wait_running() { iris_wait_until 120 running_or_gone && run_says "IRIS is running"; }

# alive PID: running; a zombie (dead, its parent has not reaped it yet) is not.
alive() {
  local stat
  [[ -n "$1" ]] && stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat:0:1}" != Z ]]
}

# What a run leaves behind if it fails to stop: every process it started has IRIS_DATA_DIR in its
# environment (run.sh exports it) or the data dir in its command line (postgres -D), plus the
# postmaster, Redis and the pids of run.sh's pidfiles noted while running. Prints "pid command"
# lines.
noted_pids=()
note_pids() {
  noted_pids=()
  local p f
  p="$(head -n1 "$data/pg/postmaster.pid" 2>/dev/null)" && noted_pids+=("$p")
  p="$(cat "$data/redis/redis.pid" 2>/dev/null)" && noted_pids+=("$p")
  for f in "$data"/run/*.pid; do
    p="$(cut -d' ' -f1 "$f" 2>/dev/null)" && noted_pids+=("$p")
  done
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

# stop_run: SIGTERM to run.sh, as Ctrl-C would; counts whether it stopped everything.
stop_run() {
  note_pids
  kill -TERM "$run_pid"
  if wait_run_exit 60; then
    check "run.sh exits 0 on SIGTERM (status $run_rc)" test "$run_rc" -eq 0
  else
    fail "run.sh ends within 60 s of SIGTERM"
  fi
  check "SIGTERM leaves nothing running" nothing_left
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
    iris_wait_until 40 run_gone || kill -KILL "$run_pid" 2>/dev/null
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
  echo "$test_name: $passed passed, $failed failed"
  if ((failed == 0)); then exit 0; else exit 1; fi
}
