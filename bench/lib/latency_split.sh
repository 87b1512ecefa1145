# Sourced by bench/run.sh (uses run_wrk from lib/wrk.sh, md_rows from lib/report.sh, and
# run.sh's vars, pgbench settings and IRIS_PIDS).
# One request at a time through each layer of a single-row read, so the read's time can be
# split between Postgres, the membership service and the gateway: throughput ratios alone do
# not say which layer to work on. Also the CPU cost of the gateway's protobuf -> API JSON step.
#
# cpu_ticks PID: user + system CPU of the process so far, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# ctx_switches PID: "tid count" per live thread, its context switches (voluntary and not) so
# far. Issue 13's profile: on this VM the threads' hand-offs (I/O thread -> worker, worker ->
# gRPC poller -> worker, the waits on Redis and Postgres) cost more than any one function.
ctx_switches() {
  local t
  for t in "/proc/$1/task/"*; do
    awk -v tid="${t##*/}" '/_ctxt_switches:/ { s += $2 } END { print tid, s + 0 }' \
      "$t/status" 2>/dev/null
  done
}

# switches_per_request BEFORE AFTER: context switches per request between two ctx_switches
# snapshots, one decimal. A lower bound: threads that ended in between (gRPC's sync server
# starts and ends pollers as load moves) take theirs with them; a thread started in between
# counts whole.
switches_per_request() {
  awk -v n="$reqs" 'NR == FNR { before[$1] = $2; next }
    { total += $2 - (($1 in before) ? before[$1] : 0) }
    END { printf "%.1f", (n > 0 ? total / n : 0) }' <(printf '%s\n' "$1") <(printf '%s\n' "$2")
}

# cpu_per_request LABEL CONNS URL: one wrk run; appends "label|conns|req/s|gateway us|membership
# us|gateway switches|membership switches" (CPU and context switches per request of each
# process, all its threads) to cpu_rows.
cpu_per_request() {
  local label="$1" c="$2" url="$3" g0 m0 g1 m1 gs0 ms0 gs1 ms1 hz
  local gw="${IRIS_PIDS[gateway]}" mb="${IRIS_PIDS[membership]}"
  hz="$(getconf CLK_TCK)"
  g0="$(cpu_ticks "$gw")" m0="$(cpu_ticks "$mb")" gs0="$(ctx_switches "$gw")" ms0="$(ctx_switches "$mb")"
  run_wrk "CPU per request: $label" "$((c > 1 ? 2 : 1))" "$c" "$url" ""
  g1="$(cpu_ticks "$gw")" m1="$(cpu_ticks "$mb")" gs1="$(ctx_switches "$gw")" ms1="$(ctx_switches "$mb")"
  cpu_rows+=("$label|$c|$rps|$(awk -v a="$g0" -v b="$g1" -v n="$reqs" -v hz="$hz" \
    'BEGIN { printf "%.0f", (n > 0 ? (b - a) / hz / n * 1e6 : 0) }')|$(awk -v a="$m0" -v b="$m1" \
    -v n="$reqs" -v hz="$hz" 'BEGIN { printf "%.0f", (n > 0 ? (b - a) / hz / n * 1e6 : 0) }')|$(
    switches_per_request "$gs0" "$gs1")|$(switches_per_request "$ms0" "$ms1")")
}

# cpu_start, then cpu_end LABEL around one wrk run: appends "label|req/s|gateway us|membership
# us|grants us|events us|documents us|notifications us" (CPU per request of each process at the scenario's peak; the
# relays publishing the writes' outbox rows and notifications storing them included) to
# scenario_cpu_rows.
scenario_cpu_rows=()
cpu_start() {
  local p
  cpu_before=()
  for p in gateway membership grants events documents notifications; do
    cpu_before+=("$(cpu_ticks "${IRIS_PIDS[$p]}")")
  done
}
cpu_end() {
  local hz row="$1|$rps" p i=0
  hz="$(getconf CLK_TCK)"
  for p in gateway membership grants events documents notifications; do
    row+="|$(awk -v a="${cpu_before[$i]}" -v b="$(cpu_ticks "${IRIS_PIDS[$p]}")" -v n="$reqs" \
      -v hz="$hz" 'BEGIN { printf "%.0f", (n > 0 ? (b - a) / hz / n * 1e6 : 0) }')"
    i=$((i + 1))
  done
  scenario_cpu_rows+=("$row")
}

# latency_split: sets split_rows ("layer|p50 ms|p99 ms"), cpu_rows and json_rows
# ("step|ns|x").
latency_split() {
  local org="${vars[ORG_ID]}" out p50_us p99_us
  split_rows=() json_rows=() cpu_rows=()
  out="$(PGHOST=127.0.0.1 PGPORT="$IRIS_BENCH_PG_PORT" PGUSER=iris timeout 120 \
    "$pgbench" -S -M prepared -c1 -j1 -T"$duration" pgbench 2>&1)" ||
    iris_die "pgbench -c1 failed: $out"
  printf '### pgbench -S -M prepared -c1 -j1 -T%s\n%s\n\n' "$duration" "$out" >>"$raw"
  split_lat="$(awk '/^latency average/ { print $4 }' <<<"$out")"
  split_rows+=("Postgres alone: pgbench -S, 1 client (average)|$split_lat|-")

  out="$(timeout 120 "$grpc_probe_bin" "$IRIS_MEMBERSHIP_ADDR" "$org" 3000 2>&1)" ||
    iris_die "iris-grpc-probe failed: $out"
  printf '### iris-grpc-probe %s <org> 3000\n%s\n\n' "$IRIS_MEMBERSHIP_ADDR" "$out" >>"$raw"
  for call in Health.Check GetOrganization; do
    p50_us="$(awk -v c="$call" '$1 == c { print $5 }' <<<"$out")"
    p99_us="$(awk -v c="$call" '$1 == c { print $8 }' <<<"$out")"
    [[ -n "$p50_us" ]] || iris_die "iris-grpc-probe printed no $call line: $out"
    split_rows+=("membership over gRPC, no gateway: $call|$(awk -v u="$p50_us" 'BEGIN { printf "%.3f", u / 1000 }')|$(awk -v u="$p99_us" 'BEGIN { printf "%.3f", u / 1000 }')")
  done

  run_wrk "one at a time: GET /healthz" 1 1 "$base/healthz" ""
  split_rows+=("gateway alone: GET /healthz (wrk -c1)|$p50|$p99")
  run_wrk "one at a time: GET /v1/organizations/{id}" 1 1 "$base/v1/organizations/$org" ""
  split_rows+=("whole read: GET /v1/organizations/{id} (wrk -c1)|$p50|$p99")

  cpu_per_request "GET /v1/organizations/{id}, one at a time" 1 "$base/v1/organizations/$org"
  cpu_per_request "GET /v1/organizations/{id}, at peak" "$conns" "$base/v1/organizations/$org"

  out="$(timeout 120 "$json_probe_bin" 20000 2>&1)" || iris_die "iris-json-probe failed: $out"
  printf '### iris-json-probe 20000\n%s\n\n' "$out" >>"$raw"
  while IFS='|' read -r step ns x; do
    json_rows+=("$step|$ns|$x")
  done < <(awk '/ ns / { x = $NF; ns = $(NF - 2); $NF = ""; $(NF - 1) = ""; $(NF - 2) = "";
    sub(/^ +/, ""); sub(/ +$/, ""); print $0 "|" ns "|" x }' <<<"$out")
}

# latency_split_report: the markdown section for RESULTS.md.
latency_split_report() {
  local r a b c
  echo "One request at a time (1 connection or client), each layer of a single-row read; the"
  echo "last column is the p50 as a multiple of pgbench's average query latency in the same run:"
  echo
  echo "| layer | p50 ms | p99 ms | x Postgres alone |"
  echo "|---|---:|---:|---:|"
  for r in "${split_rows[@]}"; do
    IFS='|' read -r a b c <<<"$r"
    echo "| $a | $b | $c | $(awk -v x="$b" -v y="$split_lat" 'BEGIN { if (y > 0) printf "%.1f", x / y; else print "-" }') |"
  done
  echo
  echo "CPU time and context switches per request, each process with all its threads (from"
  echo "/proc/<pid>/stat and /proc/<pid>/task/*/status around one wrk run; switches of threads"
  echo "that ended during the run are missed, so they are a lower bound; Postgres is left out,"
  echo "see pgbench):"
  echo
  echo "| load | conns | req/s | gateway us CPU per request | membership us CPU per request | gateway context switches per request | membership context switches per request |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  md_rows "${cpu_rows[@]}"
  echo
  echo "CPU per organisation turned into the API's JSON (iris-json-probe, one thread, 20,000"
  echo "times), as a multiple of protobuf's binary serialisation of the same message:"
  echo
  echo "| step | ns per message | x binary |"
  echo "|---|---:|---:|"
  md_rows "${json_rows[@]}"
}
