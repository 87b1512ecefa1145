# shellcheck shell=bash
# shellcheck disable=SC2154,SC2034  # run.sh's globals (tmp, base, vars, duration, ...); events_loaded is read there
# Part of bench/run.sh: the events service (issue 17 item 7), open registrations at peak
# against their own-SQL ceiling. Their data, made through the gateway as the admin:
#   - three published events, open registration, capacity 100,000 (the most an event takes),
#     starting in a year: one public (@EVENT_PUBLIC_ID@, registered by anonymous callers, no
#     organisation: no membership call), one for members (@EVENT_MEMBERS_ID@, registered by a
#     member for its own organisation, @EVENT_MEMBER_TOKEN@: events asks membership over gRPC
#     at every registration, as grants does at a submission), and one for the own-SQL ceiling
#     only;
#   - a member user of an organisation inserted with SQL (an active member CSO in RS).
# Every registration of one event queues on that event's row lock, as it does in production
# when a popular academy opens. The wrk script "register" sends a unique participant email per
# request (run, thread, counter), so each request is a new registration (201 confirmed).
# The own-SQL ceiling (events_own_sql) runs the statements the service runs for one
# registration, printed by `iris-events --print-sql`, in the order
# app/registration_use_cases.cpp runs them: the unlocked read of the event made before
# membership is asked, then the transaction: the event's row lock, the insert, the counters,
# the outbox message and audit entry (db::RecordChange's one statement).

events_loaded=0  # read by run.sh
readonly events_capacity=100000
readonly events_org=e0000000-0000-4000-8000-000000000001  # the member's organisation

# events_needed SCENARIO_LINE: whether the line uses events' data.
events_needed() { [[ "$1" == *@EVENT_* ]]; }

# events_env: the settings of the events process on this run's ports (and the gateway's
# upstream); membership and notifications' addresses are run.sh's.
events_env() {
  export IRIS_EVENTS_GRPC_PORT="$IRIS_BENCH_EVENTS_GRPC_PORT"
  export IRIS_EVENTS_METRICS_PORT="$IRIS_BENCH_EVENTS_METRICS_PORT"
  export IRIS_EVENTS_DATABASE_URL="postgresql://iris_events:iris_events@127.0.0.1:$IRIS_BENCH_PG_PORT/iris"
  export IRIS_EVENTS_ADDR="127.0.0.1:$IRIS_BENCH_EVENTS_GRPC_PORT"
}

# The "register" wrk script: a unique person per request (run tag from the script argument,
# wrk thread, counter), so no registration collides with an earlier one on the event.
events_write_register_script() {
  lua_scripts[register]="$tmp/register.lua"
  lua_check_body[register]=events_register_body
  write_unique_post_lua "${lua_scripts[register]}" \
    '{"person":{"name":"Bench participant {u}","email":"bench-{u}@example.org"}}'
}
# events_register_body TAG: the body of one registration outside wrk (the checks).
events_register_body() {
  printf '{"person":{"name":"Bench check %s","email":"bench-check-%s@example.org"}}' "$1" "$1"
}

# events_create AUDIENCE NAME: creates and publishes an event through the gateway as the
# admin; prints its id.
events_create() {
  local id starts ends
  starts="$(date -u -d '+365 days' '+%Y-%m-%dT09:00:00Z')"
  ends="$(date -u -d '+366 days' '+%Y-%m-%dT16:00:00Z')"
  id="$(api .id -H 'Content-Type: application/json' -H "Authorization: Bearer ${vars[TOKEN]}" \
    -d "$(jq -cn --arg a "$1" --arg n "$2" --arg s "$starts" --arg e "$ends" \
      --argjson c "$events_capacity" \
      '{kind: "training", title: {en: ("Bench training " + $n)}, format: "online",
        online_url: "https://bench.example.org/training", starts_at: $s, ends_at: $e,
        capacity: $c, audience: $a, registration: {mode: "open"}}')" \
    "$base/v1/events")"
  api .status -X POST -H "Authorization: Bearer ${vars[TOKEN]}" \
    "$base/v1/events/$id/publish" >/dev/null
  printf '%s' "$id"
}

# load_events: the organisation, member user and events of the scenarios; sets the
# placeholders and the own-SQL ceiling's event.
load_events() {
  local t0 email password
  t0="$(date +%s.%N)"
  iris_psql "$IRIS_BENCH_PG_PORT" iris -v org="$events_org" <<'SQL' ||
INSERT INTO membership.organizations (id, name, country, kind, status, joined_at)
VALUES (:'org', 'Bench events organisation', 'RS', 'member_cso', 'active', date '2020-01-01')
ON CONFLICT (id) DO NOTHING;
SQL
    iris_die "inserting the events scenarios' organisation failed"
  # A fresh admin token (a JWT lives 15 minutes; the one issued first may be near its end).
  vars[TOKEN]="$(api .access_token -H 'Content-Type: application/json' \
    -d "$(jq -cn --arg e "$IRIS_ADMIN_EMAIL" --arg p "$IRIS_ADMIN_PASSWORD" \
      '{email: $e, password: $p}')" "$base/v1/auth/token")"
  email="bench-events-member-$(iris_random_hex 4)@iris.example.org"
  password="$(iris_random_hex 12)"
  api .id -H 'Content-Type: application/json' -H "Authorization: Bearer ${vars[TOKEN]}" \
    -d "$(jq -cn --arg e "$email" --arg p "$password" --arg o "$events_org" \
      '{email: $e, password: $p, name: "Bench events member", role: "member", organization_id: $o}')" \
    "$base/v1/users" >/dev/null
  vars[EVENT_MEMBER_TOKEN]="$(api .access_token -H 'Content-Type: application/json' \
    -d "$(jq -cn --arg e "$email" --arg p "$password" '{email: $e, password: $p}')" \
    "$base/v1/auth/token")"
  vars[EVENT_PUBLIC_ID]="$(events_create public "public, anonymous registrations")"
  vars[EVENT_MEMBERS_ID]="$(events_create members "members, registered by a member")"
  events_own_event="$(events_create members "own SQL ceiling")"
  [[ -n "${vars[EVENT_PUBLIC_ID]}" && -n "${vars[EVENT_MEMBERS_ID]}" && -n "$events_own_event" ]] ||
    iris_die "creating and publishing the events scenarios' events failed"
  events_write_register_script
  events_loaded=1
  iris_log "events: 3 published events (capacity $events_capacity) created and published" \
    "through the gateway, a member user of an organisation; $(since "$t0") s"
}

# events_own_sql KEY FILE: the pgbench script of KEY's own SQL.
events_own_sql() {
  local ev="'$events_own_event'"
  case "$1" in
    events_register)
      # A member's registration for its own organisation (the members scenario; the public
      # one writes the same rows without organisation). pgbench's variables: k counts the
      # client's transactions, run (-D, a fresh tag per run) keeps emails unique across runs.
      {
        echo '\set k :k + 1'
        sql_of_in "$events_bin" registrations_find_event "$ev"
        echo 'BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE;'
        sql_of_in "$events_bin" registrations_lock_event "$ev"
        sql_of_in "$events_bin" registrations_insert "$ev" \
          "'Bench participant own ' || :run || '-' || :client_id || '-' || :k" \
          "'bench-own-' || :run || '-' || :client_id || '-' || :k || '@example.org'" \
          "'$events_org'" "''" "'6c1f4a2e-1b7d-4a0e-9d3e-2f1a0b9c8d7e'" "'confirmed'"
        sql_of_in "$events_bin" registrations_move_places "$ev" 1 0 0
        sql_of_in "$events_bin" kit_record_change "'events.registration.created'" \
          "'5f0c8a4e-0000-4000-8000-000000000001'" "''" \
          "'6c1f4a2e-1b7d-4a0e-9d3e-2f1a0b9c8d7e'" "'6c1f4a2e-1b7d-4a0e-9d3e-2f1a0b9c8d7f'" \
          "'{\"id\": \"5f0c8a4e-0000-4000-8000-000000000001\", \"event_id\": \"$events_own_event\", \"organization_id\": \"$events_org\", \"status\": \"confirmed\"}'" \
          "'member'" "'create'" "'registration'" \
          "'{\"event_id\": \"$events_own_event\", \"status\": \"confirmed\"}'"
        echo 'COMMIT;'
      } >"$2"
      ;;
    *) iris_die "no own SQL for '$1'" ;;
  esac
}
# events_pgbench_defs CLIENTS: a fresh run tag per pgbench run (ceilings.sh pgbench_best calls
# it in a subshell: the clock, not a counter), and the event's places back to none taken, so no
# run meets the capacity's CHECK (the service's events hold the same capacity; the CHECK costs
# the same at any count).
events_pgbench_defs() {
  iris_psql "$IRIS_BENCH_PG_PORT" iris -Atc "UPDATE events.events SET taken = 0
    WHERE id = '$events_own_event'" >/dev/null || iris_die "could not reset the ceiling's event"
  printf '%s\n' "-Dk=0" "-Drun=$(date +%s%N)"
}
# events_places_check: after the scenarios, whether every registration was confirmed (none
# waitlisted: the events never filled up, so each request took the same path).
events_places_check() {
  local id w
  ((events_loaded)) || return 0
  for id in "${vars[EVENT_PUBLIC_ID]}" "${vars[EVENT_MEMBERS_ID]}"; do
    w="$(iris_psql "$IRIS_BENCH_PG_PORT" iris -Atc "SELECT taken || ' taken, ' || waitlisted ||
      ' waitlisted' FROM events.events WHERE id = '$id'")"
    iris_log "events: bench event $id: $w"
    printf '(events: bench event %s: %s)\n\n' "$id" "$w" >>"$raw"
    [[ "$w" == *" 0 waitlisted" ]] ||
      iris_log "warning: event $id filled up: later registrations were waitlisted"
  done
}
