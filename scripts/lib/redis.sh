# A project-local Redis holding only what may be lost (no snapshots, no AOF). Sourced after
# shellcheck shell=bash
# common.sh. It runs as a child of the script (daemonize no), so stopping it is a plain
# SIGTERM; its pidfile lets the next run find one left behind by a killed script.

# iris_redis_start DIR PORT LOGFILE: writes DIR/redis.conf, starts Redis, waits for PONG.
# Sets IRIS_REDIS_PID.
iris_redis_start() {
  local dir="$1" port="$2" logfile="$3"
  mkdir -p "$dir"
  cat >"$dir/redis.conf" <<CONF
# Written by scripts/lib/redis.sh on every start.
port $port
bind 127.0.0.1
protected-mode yes
dir "$dir"
pidfile "$dir/redis.pid"
logfile ""
daemonize no
save ""
appendonly no
CONF
  setsid redis-server "$dir/redis.conf" </dev/null >>"$logfile" 2>&1 9>&- &
  IRIS_REDIS_PID=$!
  if ! iris_wait_until "${IRIS_START_TIMEOUT:-60}" iris_redis_pong "$port"; then
    iris_tail_log redis "$logfile"
    iris_die "Redis did not answer PING on 127.0.0.1:$port"
  fi
}

iris_redis_pong() {
  iris_pid_alive "$IRIS_REDIS_PID" || return 1
  [[ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" == PONG ]]
}

# iris_redis_stop_stale DIR [WHO]: stops a Redis that an earlier, killed run (or WHO) left
# behind.
iris_redis_stop_stale() {
  local pid who="${2:-an earlier run}"
  pid="$(cat "$1/redis.pid" 2>/dev/null)" || return 0
  if [[ "$pid" =~ ^[0-9]+$ ]] && iris_pid_alive "$pid" &&
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == redis-server ]]; then
    iris_log "stopping Redis (pid $pid) left running by $who"
    iris_stop_pid redis "$pid"
  fi
  rm -f "$1/redis.pid"
}
