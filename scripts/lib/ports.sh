# Checks that every port a script will listen on is a valid number and free, before anything
# shellcheck shell=bash
# starts. Sourced after common.sh.

# iris_port_owner PORT: prints who listens on PORT (empty: nobody). ss sees every address;
# without it, a connect to 127.0.0.1 still finds listeners on 127.0.0.1, 0.0.0.0 and [::].
iris_port_owner() {
  local out
  if command -v ss >/dev/null 2>&1; then
    out="$(ss -Hltnp "sport = :$1" 2>/dev/null)" || out=""
    [[ -n "$out" ]] || return 0
    if [[ "$out" =~ users:\(\(\"([^\"]+)\",pid=([0-9]+) ]]; then
      printf '%s, pid %s\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
    else
      printf 'unknown\n'
    fi
  elif timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; then
    printf 'unknown\n'
  fi
}

# iris_check_ports VAR...: each VAR names a setting holding a port. Reports every bad, shared
# or taken port at once, then returns 1 if there was any.
iris_check_ports() {
  local var port owner bad=0
  local -A seen=()
  for var in "$@"; do
    port="${!var}"
    if ! [[ "$port" =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
      iris_log "error: $var='$port' is not a port number (1..65535)"
      bad=1
      continue
    fi
    if [[ -n "${seen[$port]:-}" ]]; then
      iris_log "error: port $port is set for both ${seen[$port]} and $var; give each its own port"
      bad=1
      continue
    fi
    seen[$port]="$var"
    owner="$(iris_port_owner "$port")"
    if [[ -n "$owner" ]]; then
      if [[ "$owner" == unknown ]]; then
        owner=""
      else
        owner=" ($owner)"
      fi
      iris_log "error: port $port ($var) is already in use by another process$owner; set $var to a free port"
      bad=1
    fi
  done
  return "$bad"
}
