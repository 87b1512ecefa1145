#!/usr/bin/env bash
# Measures the gateway against its ceilings in one bounded run (a few minutes) on 127.0.0.1:
# builds iris-membership, iris-gateway and iris-bare-pistache, starts its own PostgreSQL and
# Redis in a temporary directory on its own ports, starts membership + gateway as
# scripts/run.sh does, runs wrk and pgbench, prints a markdown table and writes
# bench/RESULTS.md. Settings: IRIS_BENCH_DURATION (wrk/pgbench seconds, default 10),
# IRIS_BENCH_CONNECTIONS (default 32), IRIS_SKIP_BUILD=1, IRIS_BENCH_*_PORT (see below).
set -euo pipefail

here="$(dirname "${BASH_SOURCE[0]}")"
source "$here/../scripts/lib/common.sh"
source "$here/../scripts/lib/build.sh"
source "$here/../scripts/lib/ports.sh"
source "$here/../scripts/lib/postgres.sh"
source "$here/../scripts/lib/redis.sh"
source "$here/../scripts/lib/procs.sh"

case "${1:-}" in
  "") ;;
  -h | --help)
    sed -n '2,7s/^# \{0,1\}//p' "$0"
    exit 0
    ;;
  *) iris_die "unknown argument '$1' (settings are environment variables; see --help)" ;;
esac

# --- what is measured: add a line per scenario ---------------------------------------------
# label|ceiling|path|extra request header (optional). ceiling: http (held to the bare Pistache
# handler) or db (held to pgbench -S). Each runs twice: without and with "Connection: keep-alive".
SCENARIOS=(
  "GET /healthz|http|/healthz|"
  "GET /v1/countries|http|/v1/countries|"
  "GET /v1/networks/RS|db|/v1/networks/RS|"
)

# --- settings -------------------------------------------------------------------------------
# Ports below 32768, outside Linux's ephemeral range, so no client socket of a parallel test
# can hold one.
iris_default IRIS_BENCH_PG_PORT 25732
iris_default IRIS_BENCH_REDIS_PORT 26732
iris_default IRIS_BENCH_HTTP_PORT 18280
iris_default IRIS_BENCH_METRICS_PORT 19564
iris_default IRIS_BENCH_GRPC_PORT 20351
iris_default IRIS_BENCH_MEMBERSHIP_METRICS_PORT 19565
iris_default IRIS_BENCH_BARE_PORT 18281
duration="${IRIS_BENCH_DURATION:-10}"
conns="${IRIS_BENCH_CONNECTIONS:-32}"
threads="${IRIS_HTTP_THREADS:-2}"  # the gateway's IRIS_HTTP_THREADS; the bare server gets the same
results_md="$IRIS_ROOT/bench/RESULTS.md"
command -v wrk >/dev/null || iris_die "wrk is missing (apt-get install wrk; scripts/run.sh installs it)"
pgbench="$IRIS_PG_BIN/pgbench"
[[ -x "$pgbench" ]] || iris_die "$pgbench is missing (postgresql-contrib 15)"

iris_check_ports IRIS_BENCH_PG_PORT IRIS_BENCH_REDIS_PORT IRIS_BENCH_HTTP_PORT \
  IRIS_BENCH_METRICS_PORT IRIS_BENCH_GRPC_PORT IRIS_BENCH_MEMBERSHIP_METRICS_PORT \
  IRIS_BENCH_BARE_PORT || exit 1

if [[ "${IRIS_SKIP_BUILD:-0}" != 1 ]]; then
  iris_build iris-membership iris-gateway iris-bare-pistache
fi
membership_bin="$IRIS_BUILD_DIR/services/membership/iris-membership"
gateway_bin="$IRIS_BUILD_DIR/services/gateway/iris-gateway"
bare_bin="$IRIS_BUILD_DIR/bench/baseline/iris-bare-pistache"
for b in "$membership_bin" "$gateway_bin" "$bare_bin"; do
  [[ -x "$b" ]] || iris_die "$b is missing: build it (unset IRIS_SKIP_BUILD)"
done

# --- throwaway PostgreSQL and Redis; everything stopped whatever happens ----------------------
tmp="$(mktemp -d -t iris-bench.XXXXXX)"
chmod 755 "$tmp"  # Postgres runs as irisdb (initdb refuses root)
mkdir "$tmp/logs" "$tmp/run"
IRIS_RUN_DIR="$tmp/run"
pg_started=0
IRIS_REDIS_PID=""
cleanup() {
  local rc=$?
  trap '' INT TERM HUP PIPE
  iris_stop_started
  if [[ -n "$IRIS_REDIS_PID" ]]; then iris_stop_pid redis "$IRIS_REDIS_PID"; fi
  if ((pg_started)); then iris_pg_stop "$tmp/pg"; fi
  if ((rc != 0)); then iris_log "logs of the failed run: $tmp/logs"; else rm -rf "$tmp"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

loadavg_before="$(cut -d' ' -f1-3 /proc/loadavg)"
iris_pg_ensure_owner
iris_pg_make_reachable "$tmp/logs" "$tmp"
iris_pg_init "$tmp/pg"
pg_started=1
iris_pg_start "$tmp/pg" "$IRIS_BENCH_PG_PORT" "$tmp/logs/postgres.log"  # run.sh's settings
iris_pg_provision "$IRIS_BENCH_PG_PORT" iris
iris_redis_start "$tmp/redis" "$IRIS_BENCH_REDIS_PORT" "$tmp/logs/redis.log"

# The environment scripts/run.sh gives the processes, on this run's ports.
export IRIS_LISTEN_HOST=127.0.0.1 IRIS_HTTP_HOST=127.0.0.1 IRIS_METRICS_HOST=127.0.0.1
export IRIS_HTTP_PORT="$IRIS_BENCH_HTTP_PORT" IRIS_METRICS_PORT="$IRIS_BENCH_METRICS_PORT"
export IRIS_REDIS_HOST=127.0.0.1 IRIS_REDIS_PORT="$IRIS_BENCH_REDIS_PORT"
export IRIS_MEMBERSHIP_GRPC_PORT="$IRIS_BENCH_GRPC_PORT"
export IRIS_MEMBERSHIP_METRICS_PORT="$IRIS_BENCH_MEMBERSHIP_METRICS_PORT"
export IRIS_MEMBERSHIP_DATABASE_URL="postgresql://iris_membership:iris_membership@127.0.0.1:$IRIS_BENCH_PG_PORT/iris"
export IRIS_MEMBERSHIP_ADDR="127.0.0.1:$IRIS_BENCH_GRPC_PORT"
export IRIS_ADMIN_EMAIL=admin@iris.example.org
IRIS_CURSOR_SECRET="$(iris_random_hex 32)" IRIS_JWT_SECRET="$(iris_random_hex 32)"
IRIS_ADMIN_PASSWORD="$(iris_random_hex 12)"
export IRIS_CURSOR_SECRET IRIS_JWT_SECRET IRIS_ADMIN_PASSWORD

iris_log "migrating membership"
timeout 300 "$membership_bin" --migrate-only </dev/null >>"$tmp/logs/membership.log" 2>&1 ||
  iris_die "membership --migrate-only failed (log: $tmp/logs/membership.log)"

# --- cold start (database migrated): both launched together, then as scripts/run.sh does --
base="http://127.0.0.1:$IRIS_BENCH_HTTP_PORT"
ready() { [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$base/readyz")" == 200 ]]; }
membership_up() { iris_connectable 127.0.0.1 "$IRIS_BENCH_GRPC_PORT"; }
# wait_10ms CHECK...: polls CHECK every 10 ms (60 s at most), failing if one of ours exits.
wait_10ms() {
  local start=$SECONDS name
  until "$@"; do
    for name in "${IRIS_STARTED[@]}"; do
      iris_pid_alive "${IRIS_PIDS[$name]}" || {
        iris_tail_log "$name" "$tmp/logs/$name.log"
        iris_die "$name exited while starting"
      }
    done
    ((SECONDS - start < 60)) || iris_die "not ready within 60 s (check: $*)"
    sleep 0.01
  done
}
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }'; }

t0="$(date +%s.%N)"
iris_spawn membership "$tmp/logs/membership.log" "$membership_bin"
iris_spawn gateway "$tmp/logs/gateway.log" "$gateway_bin"
wait_10ms ready
cold_together="$(since "$t0")"
iris_stop_started
t0="$(date +%s.%N)"
iris_spawn membership "$tmp/logs/membership.log" "$membership_bin"
wait_10ms membership_up
cold_membership="$(since "$t0")"
t0="$(date +%s.%N)"
iris_spawn gateway "$tmp/logs/gateway.log" "$gateway_bin"
wait_10ms ready
cold_gateway="$(since "$t0")"
iris_log "cold start to /readyz 200: ${cold_together}s launched together; one after the other" \
  "(as scripts/run.sh): membership ${cold_membership}s to its gRPC port, then gateway ${cold_gateway}s"

# The bare server ignores SIGPIPE as the gateway does (a client closing mid-write must not kill it).
setsid bash -c 'trap "" PIPE; exec "$0" "$@"' "$bare_bin" "$IRIS_BENCH_BARE_PORT" "$threads" \
  </dev/null >>"$tmp/logs/bare.log" 2>&1 &
IRIS_PIDS[bare]=$!
IRIS_STARTED+=(bare)
bare="http://127.0.0.1:$IRIS_BENCH_BARE_PORT"
iris_wait_ready bare "$tmp/logs/bare.log" iris_connectable 127.0.0.1 "$IRIS_BENCH_BARE_PORT"

rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
rss_idle_gateway="$(rss_mb "${IRIS_PIDS[gateway]}")"
rss_idle_membership="$(rss_mb "${IRIS_PIDS[membership]}")"

# reuse URL [HEADER]: whether the server kept the connection for a second request (curl sends
# no Connection header of its own).
reuse() {
  local h=() n
  [[ -z "${2:-}" ]] || h=(-H "$2")
  n="$(curl -s "${h[@]}" -o /dev/null -o /dev/null -w '%{num_connects} ' "$1" "$1")" || true
  [[ "$n" == "1 0 " ]] && echo kept || echo "closed"
}

# --- wrk runs -------------------------------------------------------------------------------
raw="$tmp/raw.txt"
: >"$raw"
rows=()        # label|header|conns|rps|p50|p99|non2xx|errors|ratio|connection
declare -A peak=()
# ms VALUE: wrk latency (e.g. 812.00us, 1.20ms, 2.01s) in milliseconds.
ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}
# run_wrk NAME THREADS CONNS URL [HEADER...]: sets rps p50 p99 non2xx errors.
run_wrk() {
  local name="$1" t="$2" c="$3" url="$4" out hdr=()
  shift 4
  for h in "$@"; do [[ -z "$h" ]] || hdr+=(-H "$h"); done
  for n in "${IRIS_STARTED[@]}"; do
    iris_pid_alive "${IRIS_PIDS[$n]}" || iris_die "$n (pid ${IRIS_PIDS[$n]}) died before: $name"
  done
  out="$(timeout $((duration + 30)) wrk -t"$t" -c"$c" -d"${duration}s" --timeout 5s --latency \
    "${hdr[@]}" "$url" 2>&1)" || iris_die "wrk failed for $name: $out"
  printf '### %s (wrk -t%s -c%s -d%ss %s %s)\n%s\n\n' "$name" "$t" "$c" "$duration" \
    "${hdr[*]}" "$url" "$out" >>"$raw"
  rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")"
  p50="$(ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")"
  p99="$(ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
  non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")"
  non2xx="${non2xx:-0}"
  errors="$(awk -F'[ ,]+' '/Socket errors:/ { print $4 + $6 + $8 + $10 }' <<<"$out")"
  errors="${errors:-0}"
  iris_log "$(printf '%-34s c=%-3s %8s req/s  p50 %6s ms  p99 %7s ms  non-2xx %s  socket errors %s' \
    "$name" "$c" "$rps" "$p50" "$p99" "$non2xx" "$errors")"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "-" }'; }

variants=("" "Connection: keep-alive")
variant_name() { [[ -n "$1" ]] && echo "keep-alive" || echo "none"; }

for v in "${variants[@]}"; do
  run_wrk "bare Pistache [$(variant_name "$v")]" 2 "$conns" "$bare/" "$v"
  peak["bare|$v"]="$rps"
  rows+=("bare Pistache (ceiling)|$(variant_name "$v")|$conns|$rps|$p50|$p99|$non2xx|$errors|100 %|$(reuse "$bare/" "$v")")
done

# pgbench: the database ceiling, in its own database of the same cluster.
iris_psql "$IRIS_BENCH_PG_PORT" postgres -c 'CREATE DATABASE pgbench'
PGHOST=127.0.0.1 PGPORT="$IRIS_BENCH_PG_PORT" PGUSER=iris timeout 120 "$pgbench" -i -q -s 2 pgbench \
  >>"$tmp/logs/pgbench.log" 2>&1 || iris_die "pgbench -i failed (log: $tmp/logs/pgbench.log)"
pg_out="$(PGHOST=127.0.0.1 PGPORT="$IRIS_BENCH_PG_PORT" PGUSER=iris timeout $((duration + 30)) \
  "$pgbench" -S -M prepared -c8 -j2 -T"$duration" -r pgbench 2>&1)" || iris_die "pgbench failed: $pg_out"
printf '### pgbench -S -M prepared -c8 -j2 -T%s (scale 2)\n%s\n\n' "$duration" "$pg_out" >>"$raw"
pg_tps="$(awk '/^tps = / { printf "%.0f", $3 }' <<<"$pg_out")"
pg_lat="$(awk '/^latency average = / { print $4 }' <<<"$pg_out")"
iris_log "pgbench -S: $pg_tps tps, average latency $pg_lat ms"
rows+=("pgbench -S -M prepared (ceiling)|-|8|$pg_tps|avg $pg_lat|-|-|-|100 %|-")

declare -A low=()  # label -> "rps|p99|conns|non2xx" at fewer connections
for s in "${SCENARIOS[@]}"; do
  IFS='|' read -r label kind path extra <<<"$s"
  for v in "${variants[@]}"; do
    run_wrk "$label [$(variant_name "$v")]" 2 "$conns" "$base$path" "$extra" "$v"
    if [[ "$kind" == db ]]; then ceiling="$pg_tps"; else ceiling="${peak["bare|$v"]}"; fi
    [[ -n "$v" ]] || peak["$label"]="$rps"
    rows+=("$label|$(variant_name "$v")|$conns|$rps|$p50|$p99|$non2xx|$errors|$(ratio "$rps" "$ceiling")|$(reuse "$base$path" "$v")")
  done
done

# p99 at about half of peak: wrk has no fixed-rate mode, so fewer connections ("fewer
# connections" method): -c2, and -c1 as well when two connections still come near the peak.
for s in "bare Pistache (ceiling)|http|/|" "${SCENARIOS[@]}"; do
  IFS='|' read -r label kind path extra <<<"$s"
  if [[ "$label" == bare* ]]; then url="$bare/"; p="${peak["bare|"]}"; else url="$base$path"; p="${peak["$label"]}"; fi
  best=""
  for c in 2 1; do
    run_wrk "$label [half rate, c=$c]" 1 "$c" "$url" "$extra"
    share="$(awk -v a="$rps" -v b="$p" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
    cand="$rps|$p99|$c|$non2xx|$share"
    # keep the run whose rate is closest to half of the peak
    if [[ -z "$best" ]] || awk -v a="$share" -v b="${best##*|}" \
      'BEGIN { d1 = a - 0.5; d2 = b - 0.5; exit !((d1 < 0 ? -d1 : d1) < (d2 < 0 ? -d2 : d2)) }'; then
      best="$cand"
    fi
    awk -v s="$share" 'BEGIN { exit !(s > 0.7) }' || break
  done
  low["$label"]="$best"
done

rss_load_gateway="$(rss_mb "${IRIS_PIDS[gateway]}")"
rss_load_membership="$(rss_mb "${IRIS_PIDS[membership]}")"
rss_bare="$(rss_mb "${IRIS_PIDS[bare]}")"

# --- report ---------------------------------------------------------------------------------
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 <= b + 0) }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }'; }
verdict() { if "$@"; then echo PASS; else echo FAIL; fi; }
table="$(
  echo "| scenario | Connection header | conns | req/s | p50 ms | p99 ms | non-2xx | socket errors | ratio to ceiling | connection after response |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"
  for r in "${rows[@]}"; do
    IFS='|' read -r a b c d e f g h i j <<<"$r"
    echo "| $a | $b | $c | $d | $e | $f | $g | $h | $i | $j |"
  done
  echo
  echo "p99 at about half of peak (\"fewer connections\" method: wrk -t1 with 2 or 1 connections,"
  echo "the run whose rate is closest to half of the scenario's peak without a Connection header):"
  echo
  echo "| scenario | conns | achieved req/s | share of peak | p99 ms | non-2xx |"
  echo "|---|---:|---:|---:|---:|---:|"
  for s in "bare Pistache (ceiling)|||" "${SCENARIOS[@]}"; do
    IFS='|' read -r label _ <<<"$s"
    IFS='|' read -r a b c d e <<<"${low["$label"]}"
    echo "| $label | $c | $a | $(awk -v x="$e" 'BEGIN { printf "%.0f %%", 100 * x }') | $b | $d |"
  done
  echo
  echo "| process | RSS idle MB | RSS after load MB |"
  echo "|---|---:|---:|"
  echo "| gateway | $rss_idle_gateway | $rss_load_gateway |"
  echo "| membership | $rss_idle_membership | $rss_load_membership |"
  echo "| bare Pistache | - | $rss_bare |"
  echo
  echo "Cold start, database migrated, polled every 10 ms: launching membership + gateway together"
  echo "to /readyz 200: **${cold_together} s**; one after the other as scripts/run.sh does:"
  echo "membership launch to its gRPC port accepting **${cold_membership} s**, then gateway launch to"
  echo "/readyz 200 **${cold_gateway} s**."
)"

countries_ratio="$(awk -F'|' '$1 == "GET /v1/countries" && $2 == "none" { print $9 }' < <(printf '%s\n' "${rows[@]}"))"
network_ratio="$(awk -F'|' '$1 == "GET /v1/networks/RS" && $2 == "none" { print $9 }' < <(printf '%s\n' "${rows[@]}"))"
half_ok=1
half_detail=""
for s in "${SCENARIOS[@]}"; do
  IFS='|' read -r label _ <<<"$s"
  IFS='|' read -r a b c d e <<<"${low["$label"]}"
  half_detail+="$label ${b} ms (non-2xx $d); "
  le "$b" 5 && ((d == 0)) || half_ok=0
done
goals="$(
  echo "| goal (issue 6) | measured | result |"
  echo "|---|---|---|"
  echo "| public read (GET /v1/countries) >= 60 % of the bare handler | ${countries_ratio} | $(verdict ge "${countries_ratio%% *}" 60) |"
  echo "| single-row read gateway -> gRPC -> Postgres (GET /v1/networks/RS) >= 40 % of pgbench -S | ${network_ratio} | $(verdict ge "${network_ratio%% *}" 40) |"
  echo "| reads: p99 <= 5 ms at half of peak, no non-2xx | ${half_detail% } | $(verdict test "$half_ok" = 1) |"
  echo "| writes: p99 <= 20 ms at half of peak | not measured: no write route yet (POST /v1/organizations comes with organisations) | - |"
  echo "| idle RSS <= 30 MB per service | membership ${rss_idle_membership} MB | $(verdict le "$rss_idle_membership" 30) |"
  echo "| idle RSS <= 40 MB for the gateway | gateway ${rss_idle_gateway} MB | $(verdict le "$rss_idle_gateway" 40) |"
  echo "| cold start <= 1 s per service | membership ${cold_membership} s, gateway ${cold_gateway} s (one after the other) | $(verdict le "$(printf '%s\n' "$cold_membership" "$cold_gateway" | sort -g | tail -n1)" 1) |"
  echo "| (same, both launched at once) | ${cold_together} s to /readyz 200 | $(verdict le "$cold_together" 1) |"
  echo "| deep page within 1.2 x the first | not measured: no paged organisation list yet | - |"
)"

commit="$(git -C "$IRIS_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$IRIS_ROOT" status --porcelain 2>/dev/null)" ]]; then commit+=" (with uncommitted changes)"; fi
model="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
mem="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run.sh\`; rerun it to replace this file."
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: $(nproc) CPUs ($model), $mem memory; load average before the run: $loadavg_before"
  echo "- commit: $commit"
  echo "- method: wrk 4.1 -t2 -c$conns -d${duration}s --latency on 127.0.0.1; the load generator"
  echo "  shares the $(nproc) cores with the server under test (and with Postgres/membership),"
  echo "  so every number is lower than on separate machines and ratios are the useful part."
  echo "  Gateway and bare Pistache both use $threads I/O threads. pgbench -S -M prepared -c8 -j2"
  echo "  -T$duration, scale 2, against the same cluster. \"Connection after response\": whether the"
  echo "  server kept the connection for a second request without (none) / with the header."
  echo
  echo "## Results"
  echo
  echo "$table"
  echo
  echo "## Goals"
  echo
  echo "$goals"
  echo
  echo "<details><summary>raw wrk and pgbench output</summary>"
  echo
  echo '```'
  cat "$raw"
  echo '```'
  echo
  echo "</details>"
} >"$results_md"

echo
echo "$table"
echo
echo "$goals"
echo
iris_log "wrote $results_md"
