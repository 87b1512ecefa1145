# Shared by scripts/run.sh and scripts/test.sh: paths, the service list, logging, processes.
# shellcheck shell=bash
# Sourced, never run; callers set `set -euo pipefail`.

IRIS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# The gRPC services, started in this order before the gateway. A service's default ports are
# ARCHITECTURE.md's: its place in IRIS_PORT_ORDER (from 0) n gives gRPC 50051+n and metrics
# 9465+n, whichever services exist yet.
# shellcheck disable=SC2034  # read by the scripts that source this file
IRIS_SERVICES=(membership grants events documents notifications)
IRIS_PORT_ORDER=(membership grants events documents notifications)
# The place of service $1 in IRIS_PORT_ORDER.
iris_port_index() {
  local i
  for i in "${!IRIS_PORT_ORDER[@]}"; do
    if [[ "${IRIS_PORT_ORDER[$i]}" == "$1" ]]; then
      printf '%s\n' "$i"
      return 0
    fi
  done
  return 1
}

IRIS_PG_BIN="${IRIS_PG_BIN:-/usr/lib/postgresql/15/bin}"

# Never fails: cleanup code logs too, and a closed terminal must not cut it short under set -e.
iris_log() { printf 'iris: %s\n' "$*" >&2 || true; }
iris_die() {
  printf 'iris: error: %s\n' "$*" >&2 || true
  exit 1
}

# iris_abs PATH: PATH made absolute against the checkout (IRIS_BUILD_DIR=build means ./build).
iris_abs() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$IRIS_ROOT/$1" ;;
  esac
}

# iris_svc_var SERVICE SUFFIX: the name of a per-service setting, e.g. IRIS_MEMBERSHIP_GRPC_PORT.
iris_svc_var() {
  local svc="${1^^}"
  printf 'IRIS_%s_%s\n' "${svc//-/_}" "$2"
}

# iris_random_hex BYTES: a secret from the kernel's CSPRNG (openssl's CLI is not installed).
iris_random_hex() {
  od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}

# iris_wait_until SECONDS COMMAND...: polls COMMAND every 0.2 s until it succeeds or time runs out.
iris_wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# iris_pid_alive PID: a zombie counts as dead (it shows in kill -0 until its parent reaps it).
iris_pid_alive() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" || return 1
  [[ "$state" != Z ]]
}
iris_pid_gone() { ! iris_pid_alive "$1"; }

# iris_stop_pid NAME PID [TIMEOUT]: SIGTERM, wait up to TIMEOUT seconds (default
# IRIS_STOP_TIMEOUT or 15), then SIGKILL. Reaps PID when it is our child.
iris_stop_pid() {
  local name="$1" pid="$2" timeout="${3:-${IRIS_STOP_TIMEOUT:-15}}"
  if iris_pid_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    if ! iris_wait_until "$timeout" iris_pid_gone "$pid"; then
      iris_log "$name (pid $pid) ignored SIGTERM for ${timeout}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      iris_wait_until 5 iris_pid_gone "$pid" || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

# iris_tail_log NAME FILE: the last lines of a log, for error messages.
iris_tail_log() {
  if [[ -s "$2" ]]; then
    printf 'iris: last lines of %s (%s):\n' "$1" "$2" >&2
    tail -n "${IRIS_LOG_TAIL_LINES:-25}" "$2" | sed 's/^/    /' >&2
  else
    printf 'iris: %s wrote nothing to %s\n' "$1" "$2" >&2
  fi
}

# iris_default VAR VALUE: exports VAR, set to VALUE unless it already has a non-empty value.
iris_default() {
  [[ -n "${!1:-}" ]] || printf -v "$1" '%s' "$2"
  export "${1?}"
}
