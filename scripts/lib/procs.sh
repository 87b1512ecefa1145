# Starting, watching and stopping our own long-running processes (services, gateway).
# shellcheck shell=bash
# Sourced after common.sh. Each process gets a pidfile under IRIS_RUN_DIR so a run that was
# killed with SIGKILL leaves nothing the next run cannot find and stop.

declare -gA IRIS_PIDS=()   # name -> pid of what this script started ("" while down)
IRIS_STARTED=()            # names, in start order (stopped in reverse)
declare -gA IRIS_COMMANDS=()  # name -> its COMMAND..., shell-quoted, to start it again
declare -gA IRIS_LOGFILES=()  # name -> its LOGFILE
declare -gA IRIS_SPAWNED_MS=()  # name -> when its current process was started

# iris_spawn NAME LOGFILE COMMAND...: runs COMMAND in its own session (so Ctrl-C reaches only
# the script, which stops things in order), output appended to LOGFILE, fd 9 (the run lock)
# closed so a process left behind cannot hold it. Spawning a NAME again (a restart) keeps its
# place in the stop order.
iris_spawn() {
  local name="$1" logfile="$2"
  shift 2
  [[ -v "IRIS_PIDS[$name]" ]] || IRIS_STARTED+=("$name")
  printf -v "IRIS_COMMANDS[$name]" '%q ' "$@"
  IRIS_LOGFILES[$name]="$logfile"
  setsid "$@" </dev/null >>"$logfile" 2>&1 9>&- &
  IRIS_PIDS[$name]=$!
  IRIS_SPAWNED_MS[$name]="$(iris_now_ms)"
  printf '%s %s\n' "$!" "$(readlink -f "$(command -v "$1")")" >"$IRIS_RUN_DIR/$name.pid"
}

# iris_stop_started: everything iris_spawn started, newest first. A process waiting for its
# restart has no pid and nothing to stop.
iris_stop_started() {
  local i name
  for ((i = ${#IRIS_STARTED[@]} - 1; i >= 0; i--)); do
    name="${IRIS_STARTED[i]}"
    # :- because a signal can land between iris_spawn listing the name and setting its pid.
    if [[ -n "${IRIS_PIDS[$name]:-}" ]]; then
      if iris_pid_alive "${IRIS_PIDS[$name]}"; then
        iris_log "stopping $name (pid ${IRIS_PIDS[$name]})"
      fi
      iris_stop_pid "$name" "${IRIS_PIDS[$name]}"
    fi
    rm -f "$IRIS_RUN_DIR/$name.pid"
    # Forgotten, so a later iris_spawn of the name lists it again: bench/run.sh stops its
    # processes after timing a cold start and starts them anew, and those second ones were
    # left running when the run failed.
    unset "IRIS_PIDS[$name]"
  done
  IRIS_STARTED=()
}

# iris_stop_strays KEEP...: a signal's trap can run between `COMMAND &` and the line of
# iris_spawn that records its pid (a restart cut short), and then exits; so before the script
# exits, any background job of it still running, other than the KEEP pids (Redis, stopped
# after this in order), is stopped too: nothing is left behind.
iris_stop_strays() {
  local pid keep
  for pid in $(jobs -p); do
    for keep in "$@"; do
      [[ "$pid" != "$keep" ]] || continue 2
    done
    if iris_pid_alive "$pid"; then
      iris_log "stopping $(cat "/proc/$pid/comm" 2>/dev/null || echo process) (pid $pid)"
      iris_stop_pid process "$pid"
    fi
  done
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

# --- supervision: restart a service or the gateway that dies while running -----------------
# What an orchestrator does for these processes in production, so a crash here behaves like
# one there: the others keep serving, the dead one comes back after a backoff (1, 2, 4, 8, then
# every 10 s; back to 1 s once it had stayed up IRIS_RESTART_RESET_S, default 30), and a crash
# loop (more than IRIS_RESTART_MAX restarts within IRIS_RESTART_WINDOW_S) stops everything,
# since restarting it forever would hide a broken build or configuration behind a running
# system. Nothing here waits on one process: a restart is due at a time and its readiness is
# polled by the caller's loop, which keeps watching the rest meanwhile.

declare -gA IRIS_RESTART_AT_MS=()  # name -> when it is due to be started again ("" not due)
declare -gA IRIS_CONFIRM_BY_MS=()  # name -> restarted, not yet serving: when to warn about it
declare -gA IRIS_CRASHES_MS=()     # name -> its crash times within the window, oldest first
declare -gA IRIS_BACKOFF_S=()      # name -> the delay of its next restart

# iris_now_ms: milliseconds since the epoch (EPOCHREALTIME's separator follows the locale).
iris_now_ms() {
  local t="${EPOCHREALTIME//[!0-9]/}"
  printf '%s\n' "$((10#$t / 1000))"
}

# iris_exit_reason STATUS: STATUS as `wait` gives it, in words (bash reports death by signal N
# as 128+N).
iris_exit_reason() {
  local sig=""
  if (($1 > 128)); then sig="$(kill -l "$(($1 - 128))" 2>/dev/null)" || sig=""; fi
  if [[ -n "$sig" ]]; then
    printf 'was killed by signal %s\n' "$sig"
  else
    printf 'exited with status %s\n' "$1"
  fi
}

# iris_reap_crashed: every started process that is no longer running is reaped and handed to
# iris_on_crash. `wait PID` still gives the status after a `wait -n`
# has reported it.
iris_reap_crashed() {
  local name pid status
  for name in "${IRIS_STARTED[@]}"; do
    pid="${IRIS_PIDS[$name]}"
    if [[ -n "$pid" ]] && ! iris_pid_alive "$pid"; then
      status=0
      wait "$pid" 2>/dev/null || status=$?
      iris_on_crash "$name" "$status"
    fi
  done
}

# iris_on_crash NAME STATUS: says why NAME died and shows its log, then either schedules its
# restart or, past IRIS_RESTART_MAX restarts within IRIS_RESTART_WINDOW_S, dies (the caller's
# exit trap stops everything).
iris_on_crash() {
  local name="$1" status="$2" pid="${IRIS_PIDS[$1]}" logfile="${IRIS_LOGFILES[$1]}" now up t delay
  local max="${IRIS_RESTART_MAX:-5}" window="${IRIS_RESTART_WINDOW_S:-60}" kept=()
  now="$(iris_now_ms)"
  up=$(((now - IRIS_SPAWNED_MS[$name]) / 1000))
  IRIS_PIDS[$name]=""
  IRIS_CONFIRM_BY_MS[$name]=""
  rm -f "$IRIS_RUN_DIR/$name.pid"  # the next run's iris_stop_stale must not trust a dead pid
  iris_log "$name (pid $pid) $(iris_exit_reason "$status") after ${up}s of running"
  iris_tail_log "$name" "$logfile"
  for t in ${IRIS_CRASHES_MS[$name]:-}; do
    if ((now - t < window * 1000)); then kept+=("$t"); fi
  done
  kept+=("$now")
  IRIS_CRASHES_MS[$name]="${kept[*]}"
  if ((${#kept[@]} > max)); then
    iris_die "$name crashed ${#kept[@]} times within ${window}s (at most IRIS_RESTART_MAX=$max \
restarts in IRIS_RESTART_WINDOW_S=$window); stopping everything (log: $logfile)"
  fi
  if ((up >= ${IRIS_RESTART_RESET_S:-30})); then IRIS_BACKOFF_S[$name]=1; fi
  delay="${IRIS_BACKOFF_S[$name]:-1}"
  IRIS_BACKOFF_S[$name]=$((delay * 2 > 10 ? 10 : delay * 2))
  IRIS_RESTART_AT_MS[$name]=$((now + delay * 1000))
  iris_log "restarting $name in ${delay}s (crash ${#kept[@]} within ${window}s; crash \
$((max + 1)) would stop everything)"
}

# iris_restart_due READY_CHECK: starts every process whose restart is due; tells when a
# restarted one passes `READY_CHECK NAME` (or, once, that it has not within IRIS_START_TIMEOUT).
iris_restart_due() {
  local check="$1" name now
  local -a command
  now="$(iris_now_ms)"
  for name in "${IRIS_STARTED[@]}"; do
    if [[ -n "${IRIS_RESTART_AT_MS[$name]:-}" ]] && ((now >= IRIS_RESTART_AT_MS[$name])); then
      IRIS_RESTART_AT_MS[$name]=""
      eval "command=(${IRIS_COMMANDS[$name]})"
      iris_spawn "$name" "${IRIS_LOGFILES[$name]}" "${command[@]}"
      IRIS_CONFIRM_BY_MS[$name]=$((now + ${IRIS_START_TIMEOUT:-60} * 1000))
      iris_log "restarted $name (pid ${IRIS_PIDS[$name]})"
    elif [[ -n "${IRIS_CONFIRM_BY_MS[$name]:-}" && -n "${IRIS_PIDS[$name]}" ]]; then
      if "$check" "$name"; then
        IRIS_CONFIRM_BY_MS[$name]=""
        iris_log "$name (pid ${IRIS_PIDS[$name]}) is serving again"
      elif ((now >= IRIS_CONFIRM_BY_MS[$name])); then
        IRIS_CONFIRM_BY_MS[$name]=""
        iris_log "warning: $name (pid ${IRIS_PIDS[$name]}) is running but not serving \
${IRIS_START_TIMEOUT:-60}s after its restart (log: ${IRIS_LOGFILES[$name]})"
      fi
    fi
  done
}

# iris_supervise_pending: a restart is due or a restarted process is not serving yet, so the
# caller's loop should look again soon rather than in its usual 2 s.
iris_supervise_pending() {
  local name
  for name in "${IRIS_STARTED[@]}"; do
    [[ -z "${IRIS_RESTART_AT_MS[$name]:-}${IRIS_CONFIRM_BY_MS[$name]:-}" ]] || return 0
  done
  return 1
}
