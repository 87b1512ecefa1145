# Starting, watching and stopping our own long-running processes (services, gateway).
# shellcheck shell=bash
# Sourced after common.sh. Each process gets a pidfile under IRIS_RUN_DIR so a run that was
# killed with SIGKILL leaves nothing the next run cannot find and stop.

declare -gA IRIS_PIDS=()   # name -> pid of what this script started
IRIS_STARTED=()            # names, in start order (stopped in reverse)

# iris_spawn NAME LOGFILE COMMAND...: runs COMMAND in its own session (so Ctrl-C reaches only
# the script, which stops things in order), output appended to LOGFILE, fd 9 (the run lock)
# closed so a process left behind cannot hold it.
iris_spawn() {
  local name="$1" logfile="$2"
  shift 2
  setsid "$@" </dev/null >>"$logfile" 2>&1 9>&- &
  IRIS_PIDS[$name]=$!
  IRIS_STARTED+=("$name")
  printf '%s %s\n' "$!" "$(readlink -f "$(command -v "$1")")" >"$IRIS_RUN_DIR/$name.pid"
}

# iris_stop_started: everything iris_spawn started, newest first.
iris_stop_started() {
  local i name
  for ((i = ${#IRIS_STARTED[@]} - 1; i >= 0; i--)); do
    name="${IRIS_STARTED[i]}"
    if iris_pid_alive "${IRIS_PIDS[$name]}"; then
      iris_log "stopping $name (pid ${IRIS_PIDS[$name]})"
    fi
    iris_stop_pid "$name" "${IRIS_PIDS[$name]}"
    rm -f "$IRIS_RUN_DIR/$name.pid"
  done
  IRIS_STARTED=()
}

# iris_stop_stale: stops processes named in pidfiles of an earlier run that still run the same
# binary (a recycled pid belongs to someone else and is left alone).
iris_stop_stale() {
  local f pid exe now
  for f in "$IRIS_RUN_DIR"/*.pid; do
    [[ -e "$f" ]] || continue
    read -r pid exe <"$f" || true
    if [[ "$pid" =~ ^[0-9]+$ ]] && iris_pid_alive "$pid"; then
      now="$(readlink "/proc/$pid/exe" 2>/dev/null)" || now=""
      if [[ -n "$exe" && "${now% (deleted)}" == "$exe" ]]; then
        iris_log "stopping $(basename "$f" .pid) (pid $pid) left running by an earlier run"
        iris_stop_pid "$(basename "$f" .pid)" "$pid"
      fi
    fi
    rm -f "$f"
  done
}

# iris_connectable HOST PORT: something accepts TCP connections there.
iris_connectable() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# iris_wait_ready NAME LOGFILE CHECK...: polls CHECK until it succeeds, failing early and
# clearly if NAME's process exits, or after IRIS_START_TIMEOUT seconds (default 60).
iris_wait_ready() {
  local name="$1" logfile="$2" pid="${IRIS_PIDS[$1]}" rc deadline
  shift 2
  deadline=$((SECONDS + ${IRIS_START_TIMEOUT:-60}))
  until "$@"; do
    if ! iris_pid_alive "$pid"; then
      rc=0
      wait "$pid" 2>/dev/null || rc=$?
      iris_tail_log "$name" "$logfile"
      iris_die "$name exited with status $rc while starting (log: $logfile)"
    fi
    if ((SECONDS >= deadline)); then
      iris_tail_log "$name" "$logfile"
      iris_die "$name was not ready within ${IRIS_START_TIMEOUT:-60}s (check: $*; log: $logfile)"
    fi
    sleep 0.2
  done
}
