# Sourced by bench/run.sh: the markdown tables, the goals of issue 6 and bench/RESULTS.md,
# from run.sh's globals (rows, low, peak_p50, SCENARIOS, rss_*, cold_*, pg figures, raw).

le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 <= b + 0) }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }'; }
verdict() { if "$@"; then echo PASS; else echo FAIL; fi; }

# md_rows ROW...: each "a|b|c" row as a markdown table row "| a | b | c |".
md_rows() {
  local r
  for r in "$@"; do echo "| ${r//|/ | } |"; done
}

# report_table: the results tables (peak, half of peak, memory, cold start) in markdown.
report_table() {
  local s label a b c d e
  echo "| scenario | Connection header | conns | req/s | p50 ms | p99 ms | non-2xx | socket errors | ratio to ceiling | connection after response |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"
  md_rows "${rows[@]}"
  echo
  echo "p99 at about half of peak (\"fewer connections\" method: wrk -t1 with 2 or 1 connections,"
  echo "the run whose rate is closest to half of the scenario's peak without a Connection header):"
  echo
  echo "| scenario | conns | achieved req/s | share of peak | p99 ms | non-2xx |"
  echo "|---|---:|---:|---:|---:|---:|"
  for s in "bare Pistache (ceiling)|" "${SCENARIOS[@]}"; do
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
}

# ratio_of LABEL: the ratio-to-ceiling column of LABEL's run without a Connection header.
ratio_of() { awk -F'|' -v l="$1" '$1 == l && $2 == "none" { print $9 }' < <(printf '%s\n' "${rows[@]}"); }

# report_goals: each goal of issue 6 with the figure measured and PASS/FAIL.
report_goals() {
  local countries_ratio single_ok single_detail half_ok write_ok half_detail write_detail
  local deep_ok deep_detail label r s a b c d e size first deep x
  countries_ratio="$(ratio_of "GET /v1/countries")"
  single_ok=1
  single_detail=""
  for label in "GET /v1/networks/RS" "GET /v1/organizations/{id}, anonymous" \
    "GET /v1/organizations/{id}, JWT" "GET /v1/organizations/{id}, API key"; do
    r="$(ratio_of "$label")"
    single_detail+="${label#GET } ${r:-not run}; "
    [[ -n "$r" ]] && ge "${r%% *}" 40 || single_ok=0
  done
  # p99 at half of peak: reads (GET) <= 5 ms, writes (POST) <= 20 ms, no non-2xx either way.
  half_ok=1 write_ok=1
  half_detail="" write_detail=""
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r label _ <<<"$s"
    IFS='|' read -r a b c d e <<<"${low["$label"]}"
    if [[ "$label" == POST* ]]; then
      write_detail+="$label ${b} ms (non-2xx $d); "
      le "$b" 20 && [[ "$d" == 0 ]] || write_ok=0
    else
      half_detail+="$label ${b} ms (non-2xx $d); "
      le "$b" 5 && [[ "$d" == 0 ]] || half_ok=0
    fi
  done
  # Deep page against first page: p50 at peak (32 connections, no Connection header), per size.
  deep_ok=1
  deep_detail=""
  for size in "1,000" "100,000"; do
    first="" deep=""
    for s in "${SCENARIOS[@]}"; do
      IFS='|' read -r label _ <<<"$s"
      [[ "$label" == "GET /v1/organizations?limit=50, $size rows, first page" ]] && first="$label"
      [[ "$label" == "GET /v1/organizations?limit=50, $size rows, page at depth"* ]] && deep="$label"
    done
    if [[ -z "$first" || -z "$deep" ]]; then
      deep_detail+="$size rows: not run; "
      deep_ok=0
      continue
    fi
    x="$(awk -v a="${peak_p50["$deep"]}" -v b="${peak_p50["$first"]}" \
      'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }')"
    deep_detail+="$size rows: ${deep##*rows, } p50 ${peak_p50["$deep"]} ms / first ${peak_p50["$first"]} ms = ${x} x; "
    [[ "$x" != inf ]] && le "$x" 1.2 || deep_ok=0
  done
  echo "| goal (issue 6) | measured | result |"
  echo "|---|---|---|"
  echo "| public read (GET /v1/countries) >= 60 % of the bare handler | ${countries_ratio} | $(verdict ge "${countries_ratio%% *}" 60) |"
  echo "| single-row read gateway -> gRPC -> Postgres >= 40 % of pgbench -S (req/s, no Connection header) | ${single_detail% } | $(verdict test "$single_ok" = 1) |"
  echo "| reads: p99 <= 5 ms at half of peak, no non-2xx | ${half_detail% } | $(verdict test "$half_ok" = 1) |"
  echo "| writes: p99 <= 20 ms at half of peak, no non-2xx | ${write_detail% } | $(verdict test "$write_ok" = 1) |"
  echo "| idle RSS <= 30 MB per service | membership ${rss_idle_membership} MB | $(verdict le "$rss_idle_membership" 30) |"
  echo "| idle RSS <= 40 MB for the gateway | gateway ${rss_idle_gateway} MB | $(verdict le "$rss_idle_gateway" 40) |"
  echo "| cold start <= 1 s per service | membership ${cold_membership} s, gateway ${cold_gateway} s (one after the other) | $(verdict le "$(printf '%s\n' "$cold_membership" "$cold_gateway" | sort -g | tail -n1)" 1) |"
  echo "| (same, both launched at once) | ${cold_together} s to /readyz 200 | $(verdict le "$cold_together" 1) |"
  echo "| deep page within 1.2 x the first (GET /v1/organizations?limit=50, p50 at peak, no Connection header) | ${deep_detail% } | $(verdict test "$deep_ok" = 1) |"
}

# write_results FILE: RESULTS.md (machine, method, tables, latency split, goals, raw output).
write_results() {
  local commit model mem
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
    echo "  Organisations (active member CSOs, countries AL BA HR XK ME MK RS in turn) are inserted"
    echo "  with SQL, then VACUUM (ANALYZE): 1,000 rows for the first pair of list scenarios, then"
    echo "  100,000 for the rest."
    echo "  Deep pages: the next_cursor reached by walking limit=200 pages to 200 rows before the"
    echo "  end, fetched with limit=50. JWT and API key (scope read) are issued once, before"
    echo "  measuring, for the seeded admin. POST creates \"Bench <run>-<thread>-<n>\" organisations"
    echo "  (wrk Lua script); its ratio is to pgbench -S, a read-only ceiling. non-2xx: count (share)."
    echo
    echo "## Results"
    echo
    report_table
    echo
    echo "## Where a single-row read spends its time"
    echo
    latency_split_report
    echo
    echo "## Goals"
    echo
    report_goals
    echo
    echo "<details><summary>raw wrk and pgbench output</summary>"
    echo
    echo '```'
    cat "$raw"
    echo '```'
    echo
    echo "</details>"
  } >"$1"
}
