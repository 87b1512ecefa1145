# shellcheck shell=bash
# shellcheck disable=SC2154  # duration, raw, tmp, pgbench, *_bin, vars, org_rows: run.sh's
# Part of bench/run.sh: what the database alone can do, on the bench's own cluster and data
# (issue 13). Two ceilings per database scenario:
#   - pgbench -S -M prepared (pgbench's own single-row SELECT) at its best client count: run at
#     1, 2, 4 and 8 clients, the highest rate is the ceiling (on 2 cores 8 is not the best);
#   - the scenario's own SQL: exactly the statements the service runs for it (printed by
#     `iris-<service> --print-sql NAME`, its parameters written in as literals), through
#     pgbench -M prepared at its best client count, against the same tables and rows.
# Needs: pgbench, membership_bin, grants_bin, events_bin, documents_bin, notifications_bin, IRIS_BENCH_PG_PORT, duration,
# raw, tmp (set by run.sh). The grants keys' scripts are lib/grants.sh's.

ceiling_clients=(1 2 4 8)

# pgbench_best ARGS...: runs `pgbench ARGS` at each client count; sets best_tps, best_clients
# and best_lat (ms) from the best, and appends every run to the raw output. When pgbench_defs
# names a function, `pgbench_defs CLIENTS` prints more arguments for each run, one a line (a
# script that acts on a different prepared row per transaction takes its first row there).
pgbench_defs=""
pgbench_best() {
  local c out tps defs
  best_tps=0 best_clients=0 best_lat=0
  for c in "${ceiling_clients[@]}"; do
    defs=()
    [[ -z "$pgbench_defs" ]] || mapfile -t defs < <("$pgbench_defs" "$c")
    out="$(PGHOST=127.0.0.1 PGPORT="$IRIS_BENCH_PG_PORT" PGUSER=iris timeout $((duration + 30)) \
      "$pgbench" "$@" "${defs[@]}" -c"$c" -j"$((c < 2 ? c : 2))" -T"$duration" 2>&1)" ||
      iris_die "pgbench $* ${defs[*]} -c$c failed: $out"
    printf '### pgbench %s -c%s -T%s\n%s\n\n' "$* ${defs[*]}" "$c" "$duration" "$out" >>"$raw"
    tps="$(awk '/^tps = / { printf "%.0f", $3 }' <<<"$out")"
    if ((tps > best_tps)); then
      best_tps="$tps" best_clients="$c"
      best_lat="$(awk '/^latency average = / { print $4 }' <<<"$out")"
    fi
  done
}

# sql_of STATEMENT VALUE...: membership's prepared statement with $n replaced by the n-th
# VALUE (an SQL literal or expression, put in parentheses so a cast after it applies to all
# of it), its comments dropped (pgbench would read a ":word" there as a variable), ending in
# ';' for a pgbench script. A $n without a value stops the bench.
sql_of() { sql_of_in "$membership_bin" "$@"; }
# sql_of_in BINARY STATEMENT VALUE...: the same for the service BINARY (e.g. "$grants_bin").
sql_of_in() {
  local bin="$1" name="$2" text sql
  shift 2
  text="$("$bin" --print-sql "$name")" || iris_die "no statement $name in $(basename "$bin")"
  sql="$(VALUES="$(printf '%s\x1f' "$@")" perl -0777 -pe '
    my @v = split /\x1f/, $ENV{VALUES}, -1; pop @v;
    s/--[^\n]*//g;
    s/\$(\d+)/defined $v[$1 - 1] ? "($v[$1 - 1])" : die "no value for \$$1\n"/ge;' \
    <<<"$text")" || iris_die "cannot write the parameters of $name into its SQL"
  printf '%s\n;\n' "$sql"
}

declare -A own_tps=() own_clients=() own_lat=()
# own_ceiling KEY FILE: the best rate of the pgbench script FILE (-n: no vacuum first, as the
# service never does one); sets own_tps[KEY], own_clients[KEY] and own_lat[KEY].
own_ceiling() {
  local key="$1" file="$2"
  printf '### own SQL of "%s" (%s)\n```\n%s\n```\n' "$key" "$file" "$(cat "$file")" >>"$raw"
  pgbench_best -n -M prepared -f "$file" iris
  own_tps["$key"]="$best_tps" own_clients["$key"]="$best_clients" own_lat["$key"]="$best_lat"
  iris_log "own SQL ceiling '$key': $best_tps tps at $best_clients clients (avg $best_lat ms)"
}

# The position of the row `depth` rows into the organisations' default order, as the
# statement's ($8, $9) literals joined by '|'.
position_at() {
  iris_psql "$IRIS_BENCH_PG_PORT" iris -Atc "SELECT quote_literal(created_at::text) || '|' ||
    quote_literal(id::text) FROM membership.organizations ORDER BY created_at, id
    OFFSET $1 LIMIT 1"
}

# measure_own KEY: writes the script of KEY's own SQL for the data loaded now and measures it.
# Keys: network, read (@ORG_ID@), list_first, list_deep (@DEEP_CURSOR@'s depth), create;
# grants_list, grants_submit, grants_award (lib/grants.sh, once its data is loaded); changes
# (lib/notifications.sh: the feed's first page); events_register (lib/events.sh);
# documents_search, documents_search_admin (lib/documents.sh: the ranked page and its facets).
measure_own() {
  local key="$1" file="$tmp/own-$1-$org_rows.sql" pos
  [[ -z "${own_tps["$key|$org_rows"]:-}" ]] || return 0
  # Lists as the anonymous caller: see_all false, no own country or organisation, no filters.
  case "$key" in
    network) sql_of find_network "'RS'" >"$file" ;;
    read) sql_of organizations_find_by_id "'${vars[ORG_ID]}'" >"$file" ;;
    list_first)
      sql_of organizations_list:created_at false NULL NULL NULL NULL NULL NULL "'-infinity'" \
        "'00000000-0000-0000-0000-000000000000'" 51 >"$file"
      ;;
    list_deep)
      pos="$(position_at "$((org_rows > 200 ? org_rows - 201 : 0))")"
      sql_of organizations_list:created_at false NULL NULL NULL NULL NULL NULL "${pos%|*}" \
        "${pos#*|}" 51 >"$file"
      ;;
    create)
      # Pool::Write's transaction for POST /v1/organizations with the bench's body: the
      # insert, then its outbox message and audit entry (db::RecordChange's one statement).
      {
        echo '\set n random(1, 1000000000)'
        # What the pool's one opening round trip does (libs/db/pool.cpp, ReadWriteWork).
        echo 'BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE;'
        sql_of organizations_insert "'Bench own ' || :client_id || '-' || :n" "''" "'RS'" "''" \
          "'member_cso'" "'{}'" "''" "''" "''" "'{}'" "''" "''" "''"
        sql_of kit_record_change "'membership.organization.created'" \
          "'5f0c8a4e-0000-4000-8000-000000000001'" "'RS'" "'5f0c8a4e-0000-4000-8000-000000000002'" \
          "'6c1f4a2e-1b7d-4a0e-9d3e-2f1a0b9c8d7e'" \
          "'{\"id\": \"5f0c8a4e-0000-4000-8000-000000000001\", \"country\": \"RS\", \"status\": \"active\", \"version\": 1}'" \
          "'network_admin'" "'create'" "'organization'" "'{\"fields\": [\"name\", \"country\", \"kind\"]}'"
        echo 'COMMIT;'
      } >"$file"
      ;;
    grants_*)
      # Scripts that act on a prepared row each: pgbench_defs gives each run its first one.
      grants_own_sql "$key" "$file"
      if declare -F "grants_pgbench_defs_${key#grants_}" >/dev/null; then
        pgbench_defs="grants_pgbench_defs_${key#grants_}"
      fi
      own_ceiling "$key|$org_rows" "$file"
      pgbench_defs=""
      grants_pool_check "$key"
      return 0
      ;;
    changes) notif_own_sql "$key" "$file" ;;  # lib/notifications.sh
    documents_*) documents_own_sql "$key" "$file" ;;  # lib/documents.sh
    events_*)
      # lib/events.sh: a registration per transaction on its own event, a fresh run tag each run
      events_own_sql "$key" "$file"
      pgbench_defs=events_pgbench_defs
      own_ceiling "$key|$org_rows" "$file"
      pgbench_defs=""
      return 0
      ;;
    *) iris_die "no own SQL for '$key'" ;;
  esac
  own_ceiling "$key|$org_rows" "$file"
}
