# A project-local PostgreSQL 15 cluster: create, start, provision, stop. Sourced after common.sh.
# shellcheck shell=bash
# initdb refuses root, so under root the cluster belongs to the system user irisdb.

IRIS_PG_OWNER=irisdb

# iris_pg_as_owner COMMAND...: runs a Postgres tool as the cluster's owner, from / because
# the caller's cwd (e.g. /root) may be closed to that user.
iris_pg_as_owner() {
  if ((EUID == 0)); then
    (cd / && runuser -u "$IRIS_PG_OWNER" -- "$@")
  else
    "$@"
  fi
}

iris_pg_ensure_owner() {
  ((EUID == 0)) || return 0
  id -u "$IRIS_PG_OWNER" >/dev/null 2>&1 && return 0
  iris_log "creating system user $IRIS_PG_OWNER to own the Postgres cluster"
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$IRIS_PG_OWNER" || iris_die "could not create user $IRIS_PG_OWNER"
}

# iris_pg_make_reachable DIR OURS...: the owner must be able to enter every ancestor of DIR.
# Directories at or under one of OURS (the checkout, a data dir we created) get o+x; anything
# else is reported, since changing the mode of e.g. /root is not this script's call.
iris_pg_make_reachable() {
  local dir="$1" d="$1" mine root fix=() blocked=()
  shift
  ((EUID == 0)) || return 0
  while [[ "$d" != / ]]; do
    if [[ "$(stat -c %U "$d")" != "$IRIS_PG_OWNER" && -z "$(find "$d" -maxdepth 0 -perm -o+x)" ]]; then
      mine=0
      for root in "$@"; do
        if [[ "$d" == "$root" || "$d" == "$root"/* ]]; then mine=1; fi
      done
      if ((mine)); then fix+=("$d"); else blocked+=("$d"); fi
    fi
    d="$(dirname "$d")"
  done
  if ((${#blocked[@]} > 0)); then
    iris_die "Postgres runs as the unprivileged user $IRIS_PG_OWNER (initdb refuses root), which \
cannot enter ${blocked[*]} on the way to $dir. Either set IRIS_DATA_DIR to a directory it can \
reach (e.g. IRIS_DATA_DIR=/var/tmp/iris) or allow it with: chmod o+x ${blocked[*]}"
  fi
  for d in "${fix[@]}"; do
    chmod o+x "$d"
    iris_log "made $d traversable (chmod o+x) for $IRIS_PG_OWNER, which runs Postgres"
  done
}

# iris_pg_init PGDATA: creates the cluster unless one is there (PG_VERSION present).
iris_pg_init() {
  local pgdata="$1" version
  if [[ -f "$pgdata/PG_VERSION" ]]; then
    version="$(cat "$pgdata/PG_VERSION")"
    [[ "$version" == 15 ]] ||
      iris_die "$pgdata holds a PostgreSQL $version cluster; this needs 15: remove it or choose another IRIS_DATA_DIR"
    return 0
  fi
  mkdir -p "$pgdata"
  ((EUID != 0)) || chown "$IRIS_PG_OWNER:" "$pgdata"
  chmod 700 "$pgdata"
  iris_log "creating a PostgreSQL 15 cluster in $pgdata"
  iris_pg_as_owner "$IRIS_PG_BIN/initdb" -D "$pgdata" -U iris --auth=trust -E UTF8 \
    --locale=C.UTF-8 -N >/dev/null || iris_die "initdb failed for $pgdata"
  printf "\n# Settings of scripts/lib/postgres.sh, rewritten on every start.\ninclude_if_exists = 'iris.conf'\n" |
    iris_pg_as_owner tee -a "$pgdata/postgresql.conf" >/dev/null
}

iris_pg_running() {
  iris_pg_as_owner "$IRIS_PG_BIN/pg_ctl" status -D "$1" >/dev/null 2>&1
}

# iris_pg_start PGDATA PORT LOGFILE [NAME=VALUE...]: listens on 127.0.0.1 only; the unix
# socket lives in PGDATA. Extra settings go to PGDATA/iris.conf with the rest.
iris_pg_start() {
  local pgdata="$1" port="$2" logfile="$3" kv sockdir="$1"
  shift 3
  # A unix socket path must fit in 107 bytes; a deep checkout goes without one (TCP still works).
  ((${#sockdir} + 16 <= 107)) || sockdir=""
  {
    printf "port = %s\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\n" \
      "$port" "${sockdir//\'/\'\'}"
    for kv in "$@"; do
      printf "%s = '%s'\n" "${kv%%=*}" "${kv#*=}"
    done
  } | iris_pg_as_owner tee "$pgdata/iris.conf" >/dev/null
  touch "$logfile"
  ((EUID != 0)) || chown "$IRIS_PG_OWNER:" "$logfile"
  # setsid: Ctrl-C in the terminal reaches only the script, which then stops things in order.
  # A port set inside Linux's ephemeral range (32768-60999; the defaults are below it) can be
  # held for a moment by a client connection after the free-port check: retry a bind failure a
  # few times before giving up.
  local attempt
  for attempt in 1 2 3 4 5; do
    if iris_pg_as_owner setsid "$IRIS_PG_BIN/pg_ctl" start -D "$pgdata" -l "$logfile" -w -t 60 \
      >/dev/null 9>&-; then
      return 0
    fi
    tail -n 20 "$logfile" | grep -q 'could not bind' || break
    iris_log "port $port is briefly held by another socket; retrying PostgreSQL ($attempt/5)"
    sleep 2
  done
  iris_tail_log postgres "$logfile"
  iris_die "PostgreSQL did not start (cluster $pgdata, port $port)"
}

# iris_pg_stop PGDATA: fast shutdown (disconnects clients, no crash recovery next time).
iris_pg_stop() {
  local pgdata="$1"
  [[ -f "$pgdata/PG_VERSION" ]] || return 0
  iris_pg_running "$pgdata" || return 0
  iris_log "stopping PostgreSQL ($pgdata)"
  iris_pg_as_owner "$IRIS_PG_BIN/pg_ctl" stop -D "$pgdata" -m fast -w -t 60 >/dev/null ||
    iris_pg_as_owner "$IRIS_PG_BIN/pg_ctl" stop -D "$pgdata" -m immediate -w -t 30 >/dev/null ||
    iris_log "could not stop PostgreSQL in $pgdata"
}

# iris_psql PORT DB ARGS...: as the superuser iris over TCP, stopping at the first error.
iris_psql() {
  local port="$1" db="$2"
  shift 2
  PGCONNECT_TIMEOUT=10 psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U iris -d "$db" "$@"
}

# iris_pg_provision PORT DB: creates DB if missing, then roles, schemas, extensions and
# iris_fold for every service (scripts/sql/provision.sql, safe to rerun).
iris_pg_provision() {
  local port="$1" db="$2" services
  services="$(IFS=,; printf '%s' "${IRIS_SERVICES[*]}")"
  iris_psql "$port" postgres -v db="$db" <<'SQL' || iris_die "could not create database $db"
SELECT format('CREATE DATABASE %I', :'db')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
  iris_psql "$port" "$db" -v services="$services" -f "$IRIS_ROOT/scripts/sql/provision.sql" ||
    iris_die "provisioning database $db failed (scripts/sql/provision.sql)"
}
