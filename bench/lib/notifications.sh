# shellcheck shell=bash
# shellcheck disable=SC2154,SC2034  # run.sh's globals (tmp, raw, base, vars, here, ...); notif is read by report.sh
# Part of bench/run.sh: the notifications service (issue 16 item 7). Three parts, each skipped
# unless IRIS_BENCH_ONLY is unset or matches its label:
#   - "notifications: write to webhook latency": lib/webhook_latency.py registers a receiver
#     on 127.0.0.1 as the admin's webhook endpoint (membership.organization.created) and
#     creates organisations through the gateway at a steady rate (IRIS_BENCH_WEBHOOK_WRITES,
#     default 200, at IRIS_BENCH_WEBHOOK_RATE per second, default 20): p50/p99/max from the
#     request sent to its webhook arriving (membership's write, its relay, notifications'
#     intake and fan-out, the webhook worker, the HTTP request), delivered/sent, duplicates,
#     signatures checked as Standard Webhooks;
#   - "notifications: relay throughput": IRIS_BENCH_RELAY_ROWS (default 20,000) outbox rows
#     inserted with SQL into membership.outbox in one transaction (membership.organization.
#     updated, which nobody in the bench subscribes to: the fan-out finds nothing, so this is
#     the relay and the intake alone), then the time from commit until all are published and
#     until notifications stored them all, polled every 50 ms inside Postgres (both counts
#     checked at the end); messages/s = rows / seconds. Rows written with SQL do not wake the relay (a write of its own process does),
#     so its first pass comes within its poll (IRIS_RELAY_POLL_MS, 1 s by default): the steady
#     rate, from the first rows published to the last, is given too;
#   - the change feed as a wrk scenario (notif_scenarios, run by run.sh's run_scenario once the
#     relay part has filled the feed), against its own SQL (messages_list_changes).
# Before the first two, the relays' backlog (e.g. the organisations the write scenarios
# created) must be gone, so they measure nothing else; how long that took is reported too.

notif_parts=("notifications: write to webhook latency" "notifications: relay throughput")
# run.sh's SCENARIOS format; rows "-": whatever organisations are loaded.
notif_scenarios=(
  "GET /v1/changes?limit=100, notifications feed, JWT|db|-|/v1/changes?limit=100|Authorization: Bearer @TOKEN@||changes"
)
declare -gA notif=()  # figures for the report (report_notifications)

# notif_env: the settings every process gets for notifications (the relays in membership and
# grants publish to IRIS_NOTIFICATIONS_ADDR; the gateway's upstream is the same).
notif_env() {
  export IRIS_NOTIFICATIONS_GRPC_PORT="$IRIS_BENCH_NOTIFICATIONS_GRPC_PORT"
  export IRIS_NOTIFICATIONS_METRICS_PORT="$IRIS_BENCH_NOTIFICATIONS_METRICS_PORT"
  export IRIS_NOTIFICATIONS_DATABASE_URL="postgresql://iris_notifications:iris_notifications@127.0.0.1:$IRIS_BENCH_PG_PORT/iris"
  export IRIS_NOTIFICATIONS_ADDR="127.0.0.1:$IRIS_BENCH_NOTIFICATIONS_GRPC_PORT"
  IRIS_WEBHOOK_SECRET_KEY="$(iris_random_hex 32)"
  export IRIS_WEBHOOK_SECRET_KEY
  export IRIS_WEBHOOK_ALLOW_CIDRS=127.0.0.0/8  # the bench's receiver is on loopback
  export IRIS_MAIL_DIR="$tmp/mail"             # no SMTP: .eml files, removed with the run
}

# notif_selected LABEL: whether IRIS_BENCH_ONLY kept the part LABEL.
notif_selected() {
  local p
  for p in "${notif_parts[@]}"; do [[ "$p" != "$1" ]] || return 0; done
  return 1
}

# notif_unpublished: outbox rows no relay has published yet, over the services' schemas.
notif_unpublished() {
  iris_psql "$IRIS_BENCH_PG_PORT" iris -Atc "SELECT
    (SELECT count(*) FROM membership.outbox WHERE published_at IS NULL)
    + (SELECT count(*) FROM grants.outbox WHERE published_at IS NULL)
    + (SELECT count(*) FROM events.outbox WHERE published_at IS NULL)
    + (SELECT count(*) FROM documents.outbox WHERE published_at IS NULL)
    + (SELECT count(*) FROM notifications.outbox WHERE published_at IS NULL)"
}

# notif_drain: waits (300 s at most) until every outbox is published; the first call records
# the backlog it found and how long it took.
notif_drain() {
  local t0 n first
  t0="$(date +%s.%N)"
  first="$(notif_unpublished)" || iris_die "cannot count the unpublished outbox rows"
  n="$first"
  while ((n > 0)); do
    awk -v t="$(since "$t0")" 'BEGIN { exit !(t < 300) }' ||
      iris_die "$n outbox rows still unpublished after 300 s (logs: $tmp/logs)"
    sleep 0.2
    n="$(notif_unpublished)"
  done
  [[ -n "${notif[backlog]:-}" ]] || notif[backlog]="$first rows, published in $(since "$t0") s"
  iris_log "relays' backlog: $first unpublished outbox rows, none after $(since "$t0") s"
}

# notif_token: a fresh admin JWT in vars[TOKEN] (one lives 15 minutes; a full run is longer).
notif_token() {
  vars[TOKEN]="$(api .access_token -H 'Content-Type: application/json' \
    -d "$(jq -cn --arg e "$IRIS_ADMIN_EMAIL" --arg p "$IRIS_ADMIN_PASSWORD" \
      '{email: $e, password: $p}')" "$base/v1/auth/token")"
}

# notif_webhook_latency: runs lib/webhook_latency.py; sets notif[webhook_*].
notif_webhook_latency() {
  local writes="${IRIS_BENCH_WEBHOOK_WRITES:-200}" rate="${IRIS_BENCH_WEBHOOK_RATE:-20}" out kv
  iris_log "write to webhook: $writes organisations created at $rate/s, each awaited at the receiver"
  out="$(timeout 600 python3 "$here/lib/webhook_latency.py" --base "$base" \
    --token "${vars[TOKEN]}" --port "$IRIS_BENCH_WEBHOOK_PORT" --count "$writes" \
    --rate "$rate" 2>&1)" || iris_die "webhook latency failed: $out"
  printf '### lib/webhook_latency.py --count %s --rate %s\n%s\n\n' "$writes" "$rate" "$out" >>"$raw"
  for kv in $(tail -n1 <<<"$out"); do notif["webhook_${kv%%=*}"]="${kv#*=}"; done
  [[ -n "${notif[webhook_p50_ms]:-}" ]] || iris_die "webhook latency printed no figures: $out"
  notif[webhook_rate]="$rate"
  iris_log "write to webhook: $(tail -n1 <<<"$out")"
}

# notif_pg_ticks: CPU clock ticks of the bench's Postgres so far, the postmaster and its
# children alive now (the relay's and intake's pooled sessions last the whole part).
notif_pg_ticks() {
  local pm
  pm="$(head -n1 "$tmp/pg/postmaster.pid")"
  # (a process substitution: cat fails on a process that ended meanwhile, and that is fine)
  awk -v pm="$pm" '$1 == pm || $4 == pm { t += $14 + $15 } END { print t + 0 }' \
    < <(cat /proc/[0-9]*/stat 2>/dev/null)
}

# notif_relay_throughput: the relay part (see the top); sets notif[relay_*].
notif_relay_throughput() {
  local n="${IRIS_BENCH_RELAY_ROWS:-20000}" out line m0 g0 p0 hz
  hz="$(getconf CLK_TCK)"
  m0="$(cpu_ticks "${IRIS_PIDS[membership]}")" g0="$(cpu_ticks "${IRIS_PIDS[notifications]}")"
  p0="$(notif_pg_ticks)"
  iris_log "relay throughput: $n outbox rows committed at once into membership.outbox"
  # One session: the insert's commit, then a loop that looks every 50 ms (each statement of a
  # PL/pgSQL block sees what committed before it, in READ COMMITTED). The relay publishes in
  # position order and notifications stores each batch before the relay marks it, so three
  # lookups by key tell the progress (the first and last rows published, the last one stored)
  # without the poll itself scanning thousands of rows beside what it measures; the counts
  # are checked once at the end.
  out="$(iris_psql "$IRIS_BENCH_PG_PORT" iris -v n="$n" 2>&1 <<'SQL'
BEGIN;
WITH rows AS (
  INSERT INTO membership.outbox (type, subject_id, country, payload)
  SELECT 'membership.organization.updated', s, 'RS',
         jsonb_build_object('id', s, 'country', 'RS', 'status', 'active', 'version', 2)
  FROM (SELECT gen_random_uuid()::text AS s FROM generate_series(1, :n)) AS g
  RETURNING position)
SELECT set_config('bench.first', min(position)::text, false),
       set_config('bench.last', max(position)::text, false)
FROM rows;
COMMIT;
DO $$
DECLARE
  first_pos bigint := current_setting('bench.first')::bigint;
  last_pos bigint := current_setting('bench.last')::bigint;
  last_id uuid := (SELECT id FROM membership.outbox WHERE position = last_pos);
  t0 timestamptz := clock_timestamp();
  first_pub double precision;
  all_pub double precision;
  all_stored double precision;
  unpublished bigint;
  stored bigint;
BEGIN
  LOOP
    IF first_pub IS NULL AND (SELECT published_at IS NOT NULL FROM membership.outbox
                              WHERE position = first_pos) THEN
      first_pub := extract(epoch FROM clock_timestamp() - t0);
    END IF;
    IF all_pub IS NULL AND (SELECT published_at IS NOT NULL FROM membership.outbox
                            WHERE position = last_pos) THEN
      all_pub := extract(epoch FROM clock_timestamp() - t0);
    END IF;
    IF all_stored IS NULL AND EXISTS (SELECT 1 FROM notifications.messages WHERE id = last_id) THEN
      all_stored := extract(epoch FROM clock_timestamp() - t0);
    END IF;
    EXIT WHEN all_pub IS NOT NULL AND all_stored IS NOT NULL;
    IF clock_timestamp() - t0 > interval '300 seconds' THEN
      RAISE EXCEPTION 'not all % rows published and stored after 300 s', last_pos - first_pos + 1;
    END IF;
    PERFORM pg_sleep(0.05);
  END LOOP;
  SELECT count(*) INTO unpublished FROM membership.outbox
  WHERE position BETWEEN first_pos AND last_pos AND published_at IS NULL;
  SELECT count(*) INTO stored FROM notifications.messages
  WHERE id IN (SELECT id FROM membership.outbox WHERE position BETWEEN first_pos AND last_pos);
  IF unpublished > 0 OR stored < last_pos - first_pos + 1 THEN
    RAISE EXCEPTION 'the last row is done but % rows are unpublished and % of % stored',
      unpublished, stored, last_pos - first_pos + 1;
  END IF;
  RAISE NOTICE 'relay first=% published=% stored=%', round(first_pub::numeric, 3),
    round(all_pub::numeric, 3), round(all_stored::numeric, 3);
END $$;
SQL
  )" || iris_die "relay throughput failed: $out"
  line="$(grep -o 'relay first=.*' <<<"$out")" || iris_die "relay throughput printed no figures: $out"
  printf '### relay throughput, %s outbox rows\n%s\n\n' "$n" "$line" >>"$raw"
  read -r 'notif[relay_first]' 'notif[relay_published]' 'notif[relay_stored]' < <(
    sed -E 's/relay first=([0-9.]+) published=([0-9.]+) stored=([0-9.]+).*/\1 \2 \3/' <<<"$line")
  notif[relay_rows]="$n"
  notif[relay_rate]="$(awk -v n="$n" -v t="${notif[relay_published]}" 'BEGIN { printf "%.0f", n / t }')"
  notif[relay_steady]="$(awk -v n="$n" -v a="${notif[relay_first]}" -v b="${notif[relay_published]}" \
    'BEGIN { if (b > a) printf "%.0f", n / (b - a); else print "-" }')"
  notif[relay_cpu_membership]="$(awk -v a="$m0" -v b="$(cpu_ticks "${IRIS_PIDS[membership]}")" \
    -v n="$n" -v hz="$hz" 'BEGIN { printf "%.0f", (b - a) / hz / n * 1e6 }')"
  notif[relay_cpu_notifications]="$(awk -v a="$g0" -v b="$(cpu_ticks "${IRIS_PIDS[notifications]}")" \
    -v n="$n" -v hz="$hz" 'BEGIN { printf "%.0f", (b - a) / hz / n * 1e6 }')"
  # the insert of the rows included (a small part: one set-based statement)
  notif[relay_cpu_postgres]="$(awk -v a="$p0" -v b="$(notif_pg_ticks)" -v n="$n" -v hz="$hz" \
    'BEGIN { printf "%.0f", (b - a) / hz / n * 1e6 }')"
  iris_log "relay throughput: $n rows published in ${notif[relay_published]} s from commit" \
    "(${notif[relay_rate]} msgs/s; first after ${notif[relay_first]} s, then" \
    "${notif[relay_steady]} msgs/s), all stored by notifications after ${notif[relay_stored]} s"
}

# notif_section: the two measured parts IRIS_BENCH_ONLY kept, after the wrk scenarios.
notif_section() {
  ((${#notif_parts[@]})) || return 0
  notif_drain
  notif_token
  if notif_selected "notifications: write to webhook latency"; then
    notif_webhook_latency
    notif_drain
  fi
  if notif_selected "notifications: relay throughput"; then notif_relay_throughput; fi
}

# notif_feed: the feed scenarios IRIS_BENCH_ONLY kept (run.sh's run_scenario), then listed in
# SCENARIOS for the report.
notif_feed() {
  local s
  ((${#notif_scenarios[@]})) || return 0
  notif[feed_messages]="$(iris_psql "$IRIS_BENCH_PG_PORT" iris -Atc \
    'SELECT count(*) FROM notifications.messages WHERE in_feed')"
  for s in "${notif_scenarios[@]}"; do
    run_scenario "$s"
    SCENARIOS+=("$s")
  done
}

# notif_own_sql KEY FILE: the pgbench script of KEY's own SQL (ceilings.sh measure_own).
notif_own_sql() {
  case "$1" in
    # the feed's first page as the service reads it (no transaction: a Pool::Read)
    changes) sql_of_in "$notifications_bin" messages_list_changes 0 100 >"$2" ;;
    *) iris_die "no own SQL for '$1'" ;;
  esac
}

# report_notifications: the markdown table of this file's figures.
report_notifications() {
  local w="not run" r="not run"
  if [[ -n "${notif[webhook_p50_ms]:-}" ]]; then
    w="p50 **${notif[webhook_p50_ms]} ms**, p99 **${notif[webhook_p99_ms]} ms**, max"
    w+=" ${notif[webhook_max_ms]} ms; delivered ${notif[webhook_delivered]} of"
    w+=" ${notif[webhook_sent]}, duplicates ${notif[webhook_duplicates]}, bad signatures"
    w+=" ${notif[webhook_bad_signatures]}; the write's own answer p50 ${notif[webhook_write_p50_ms]}"
    w+=" ms, p99 ${notif[webhook_write_p99_ms]} ms"
  fi
  if [[ -n "${notif[relay_rate]:-}" ]]; then
    r="**${notif[relay_rate]} msgs/s** (all published ${notif[relay_published]} s after the"
    r+=" commit; the first after ${notif[relay_first]} s, then ${notif[relay_steady]} msgs/s);"
    r+=" notifications had stored them all after ${notif[relay_stored]} s; CPU per message:"
    r+=" membership (relay) ${notif[relay_cpu_membership]} us, notifications (intake)"
    r+=" ${notif[relay_cpu_notifications]} us, Postgres ${notif[relay_cpu_postgres]} us"
  fi
  echo "| measurement | figures |"
  echo "|---|---|"
  echo "| write to webhook: POST /v1/organizations (admin JWT) sent -> its webhook received, ${notif[webhook_sent]:-${IRIS_BENCH_WEBHOOK_WRITES:-200}} writes at ${notif[webhook_rate]:-${IRIS_BENCH_WEBHOOK_RATE:-20}}/s | $w |"
  echo "| relay throughput: ${notif[relay_rows]:-${IRIS_BENCH_RELAY_ROWS:-20000}} membership outbox rows committed in one transaction (membership.organization.updated, no subscriber) | $r |"
  echo "| relays' backlog left by the scenarios before these (every schema's outbox) | ${notif[backlog]:-not run} |"
  echo "| messages in the change feed when GET /v1/changes was measured | ${notif[feed_messages]:-not run} |"
}

# notif_method: how the figures above were taken, for RESULTS.md.
notif_method() {
  echo "Write to webhook: \`bench/lib/webhook_latency.py\` registers a receiver on 127.0.0.1 as the"
  echo "admin's webhook endpoint (topic membership.organization.created), then creates"
  echo "organisations through the gateway one at a time on a fixed schedule; each latency runs"
  echo "from the POST being sent to the webhook naming that organisation arriving (membership's"
  echo "write and relay, notifications' intake and fan-out, its webhook worker, the HTTP request)."
  echo "Signatures are checked as Standard Webhooks. Relay throughput: rows inserted with SQL into"
  echo "membership.outbox in one transaction, a type nobody subscribes to (the fan-out finds"
  echo "nothing); both counts polled every 50 ms inside Postgres from the commit. Rows written"
  echo "with SQL do not wake the relay, so its first pass comes within its poll"
  echo "(IRIS_RELAY_POLL_MS=${IRIS_RELAY_POLL_MS:-1000}); batches of IRIS_RELAY_BATCH=${IRIS_RELAY_BATCH:-100}."
  echo "CPU per message: the process's CPU time (all threads) over that part, divided by the rows"
  echo "(Postgres: the postmaster and its children, the insert of the rows included)."
}
