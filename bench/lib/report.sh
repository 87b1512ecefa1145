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
  echo "| scenario | Connection header | conns | req/s | p50 ms | p99 ms | non-2xx | socket errors | ratio to ceiling | ratio to own SQL | connection after response |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
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
  echo "| grants | $rss_idle_grants | $rss_load_grants |"
  echo "| events | $rss_idle_events | $rss_load_events |"
  echo "| documents | $rss_idle_documents | $rss_load_documents |"
  echo "| notifications | $rss_idle_notifications | $rss_load_notifications |"
  echo "| bare Pistache | - | $rss_bare |"
  echo
  echo "Cold start, database migrated, polled every 10 ms: launching membership + grants + events +"
  echo "documents + notifications + gateway together to /readyz 200: **${cold_together} s**; one after"
  echo "the other as scripts/run.sh does: membership launch to its gRPC port accepting"
  echo "**${cold_membership} s**, grants launch to its gRPC port **${cold_grants} s**, events"
  echo "**${cold_events} s**, documents **${cold_documents} s**, notifications launch to its gRPC port **${cold_notifications} s**, then gateway launch to"
  echo "/readyz 200 **${cold_gateway} s**."
  echo
  echo "CPU time per request at each scenario's peak (the run without a Connection header), each"
  echo "process with all its threads, from /proc/<pid>/stat around the run (Postgres left out;"
  echo "the load generator shares the cores):"
  echo
  echo "| scenario | req/s | gateway us | membership us | grants us | events us | documents us | notifications us |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  md_rows "${scenario_cpu_rows[@]}"
}

# ratio_of LABEL: the ratio-to-ceiling column of LABEL's run without a Connection header.
ratio_of() { awk -F'|' -v l="$1" '$1 == l && $2 == "none" { print $9 }' < <(printf '%s\n' "${rows[@]}"); }
# own_ratio_of LABEL: the same against the scenario's own SQL ("-" when it has none).
own_ratio_of() {
  awk -F'|' -v l="$1" '$1 == l && $2 == "none" && $10 != "-" { print $10 }' \
    < <(printf '%s\n' "${rows[@]}")
}

# cpu_at_peak PROCESS [switches]: microseconds of CPU (or, with "switches", context switches)
# per single-row read at peak (latency split).
cpu_at_peak() {
  local r l g m gs ms
  for r in "${cpu_rows[@]}"; do
    IFS='|' read -r l _ _ g m gs ms <<<"$r"
    if [[ "$l" == *"at peak" ]]; then
      if [[ "${2:-}" == switches ]]; then g="$gs" m="$ms"; fi
      if [[ "$1" == gateway ]]; then echo "$g"; else echo "$m"; fi
      return
    fi
  done
}

# report_ceilings: what the database alone does, per scenario (ceilings.sh).
report_ceilings() {
  local k
  echo "| ceiling | rows | best tps | at clients | avg latency ms |"
  echo "|---|---:|---:|---:|---:|"
  echo "| pgbench -S -M prepared (pgbench's own single-row SELECT, scale 2) | - | $pg_tps | $pg_clients | $pg_lat |"
  for k in $(printf '%s\n' "${!own_tps[@]}" | sort -t'|' -k2,2n -k1,1); do
    echo "| own SQL: ${k%|*} | ${k#*|} | ${own_tps[$k]} | ${own_clients[$k]} | ${own_lat[$k]} |"
  done
}

# goal_row TEXT MEASURED OK: one row of the goals table.
goal_row() { echo "| $1 | $2 | $(verdict test "$3" = 1) |"; }

# report_goals: each goal of issue 13 (and issue 6's deep-page goal) with the figure measured
# and PASS/FAIL, all from this run.
report_goals() {
  local label s a b c d e r o ok detail size first deep x g m
  echo "| goal (issue 13) | measured | result |"
  echo "|---|---|---|"
  # Single-row reads: >= 25 % of pgbench -S at its best, >= 50 % of their own SQL.
  ok=1 detail=""
  for label in "GET /v1/organizations/{id}, anonymous" "GET /v1/organizations/{id}, JWT" \
    "GET /v1/organizations/{id}, API key"; do
    r="$(ratio_of "$label")" o="$(own_ratio_of "$label")"
    detail+="${label#GET /v1/organizations/\{id\}, }: ${r:-not run} of -S, ${o:-not run} of own SQL; "
    [[ -n "$r" && -n "$o" ]] && ge "${r%% *}" 25 && ge "${o%% *}" 50 || ok=0
  done
  goal_row "single-row read >= 25 % of pgbench -S -M prepared (best client count) and >= 50 % of its own SQL" "${detail% }" "$ok"
  ok=1 detail=""
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r label _ <<<"$s"
    [[ "$label" == *"limit=50"* ]] || continue
    o="$(own_ratio_of "$label")"
    detail+="${label#GET /v1/organizations?limit=50, }: ${o:-not run}; "
    [[ -n "$o" ]] && ge "${o%% *}" 50 || ok=0
  done
  [[ -n "$detail" ]] || { detail="not run" ok=0; }
  goal_row "list page of 50 >= 50 % of its own SQL" "${detail% }" "$ok"
  o="$(own_ratio_of "POST /v1/organizations, JWT")"
  ok=0
  [[ -n "$o" ]] && ge "${o%% *}" 50 && ok=1
  goal_row "create >= 50 % of its own transaction" "${o:-not run}" "$ok"
  # Issue 18: documents search at peak against its own SQL (the ranked page and the facets).
  ok=1 detail=""
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r label _ <<<"$s"
    [[ "$label" == "GET /v1/documents?q="* ]] || continue
    o="$(own_ratio_of "$label")"
    IFS='|' read -r a b c d e <<<"${low["$label"]:-}"
    detail+="${label##*, }: ${o:-not run} of own SQL, p99 ${b:-?} ms at half of peak; "
    [[ -n "$o" ]] && ge "${o%% *}" 50 || ok=0
  done
  [[ -n "$detail" ]] || { detail="not run" ok=0; }
  goal_row "(issue 18) documents search (q, ranked, facets) >= 50 % of its own SQL (its p99 at half of peak, not held to the 5 ms of single-row reads)" "${detail% }" "$ok"
  g="$(cpu_at_peak gateway)" m="$(cpu_at_peak membership)"
  ok=0
  [[ -n "$g" && -n "$m" ]] && le "$g" 60 && le "$m" 60 && ok=1
  goal_row "CPU per single-row read at peak: gateway <= 60 us, service <= 60 us" "gateway ${g:-?} us, membership ${m:-?} us (gateway's context switches per read: $(cpu_at_peak gateway switches))" "$ok"
  # p99 at half of peak: reads (GET) <= 5 ms, writes (POST) <= 20 ms, no non-2xx either way.
  local half_ok=1 write_ok=1 half_detail="" write_detail=""
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r label _ <<<"$s"
    IFS='|' read -r a b c d e <<<"${low["$label"]}"
    # Full-text search ranks and counts facets over hundreds of matches: its own goal above.
    [[ "$label" != "GET /v1/documents?q="* ]] || continue
    if [[ "$label" == POST* ]]; then
      write_detail+="$label ${b} ms (non-2xx $d); "
      le "$b" 20 && [[ "$d" == 0 ]] || write_ok=0
    else
      half_detail+="$label ${b} ms (non-2xx $d); "
      le "$b" 5 && [[ "$d" == 0 ]] || half_ok=0
    fi
  done
  [[ -n "$half_detail" ]] || { half_detail="not run" half_ok=0; }
  [[ -n "$write_detail" ]] || { write_detail="not run" write_ok=0; }
  goal_row "reads, lists included: p99 <= 5 ms at half of peak, no non-2xx" "${half_detail% }" "$half_ok"
  goal_row "writes: p99 <= 20 ms at half of peak, no non-2xx" "${write_detail% }" "$write_ok"
  r="$(ratio_of "GET /v1/countries")"
  ok=0
  [[ -n "$r" ]] && ge "${r%% *}" 95 && ok=1
  goal_row "public read (GET /v1/countries) >= 95 % of the bare handler" "${r:-not run}" "$ok"
  # "No worse than today": the figures of the run before issue 13's work (bench/HISTORY.md),
  # 10 % allowed for noise.
  ok=0
  le "$rss_idle_gateway" 21.7 && le "$rss_idle_membership" 27.7 && ok=1
  goal_row "idle RSS no worse than before issue 13 (gateway 19.7 MB, membership 25.2 MB, +10 %)" "gateway ${rss_idle_gateway} MB, membership ${rss_idle_membership} MB" "$ok"
  ok=0
  le "$cold_membership" 0.52 && le "$cold_gateway" 0.176 && ok=1
  goal_row "cold start no worse than before issue 13 (membership 0.473 s, gateway 0.160 s, +10 %)" "membership ${cold_membership} s, gateway ${cold_gateway} s (one after the other); ${cold_together} s launched together" "$ok"
  # Issue 6's: the deep page within 1.2 x the first (p50 at peak, no Connection header).
  ok=1 detail=""
  for size in "1,000" "100,000"; do
    first="" deep=""
    for s in "${SCENARIOS[@]}"; do
      IFS='|' read -r label _ <<<"$s"
      [[ "$label" == "GET /v1/organizations?limit=50, $size rows, first page" ]] && first="$label"
      [[ "$label" == "GET /v1/organizations?limit=50, $size rows, page at depth"* ]] && deep="$label"
    done
    if [[ -z "$first" || -z "$deep" ]]; then
      detail+="$size rows: not run; "
      ok=0
      continue
    fi
    x="$(awk -v a="${peak_p50["$deep"]}" -v b="${peak_p50["$first"]}" \
      'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }')"
    detail+="$size rows: ${deep##*rows, } p50 ${peak_p50["$deep"]} ms / first ${peak_p50["$first"]} ms = ${x} x; "
    [[ "$x" != inf ]] && le "$x" 1.2 || ok=0
  done
  goal_row "(issue 6) deep page within 1.2 x the first (p50 at peak)" "${detail% }" "$ok"
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
    echo "  Gateway and bare Pistache both use $threads I/O threads. Ceilings (table below): pgbench -S"
    echo "  -M prepared at 1, 2, 4 and 8 clients, the best (scale 2, same cluster); and each database"
    echo "  scenario's own SQL (iris-<service> --print-sql, parameters as literals) through pgbench"
    echo "  -M prepared at its best client count, on the same rows. \"Connection after response\": whether the"
    echo "  server kept the connection for a second request without (none) / with the header."
    echo "  Organisations (active member CSOs, countries AL BA HR XK ME MK RS in turn) are inserted"
    echo "  with SQL, then VACUUM (ANALYZE): 1,000 rows for the first pair of list scenarios, then"
    echo "  100,000 for the rest."
    echo "  Deep pages: the next_cursor reached by walking limit=200 pages to 200 rows before the"
    echo "  end, fetched with limit=50. JWT and API key (scope read) are issued once, before"
    echo "  measuring, for the seeded admin. POST creates \"Bench <run>-<thread>-<n>\" organisations"
    echo "  (wrk Lua script); its ratio is to pgbench -S, a read-only ceiling. non-2xx: count (share)."
    echo "  Grants (bench/lib/grants.sh, inserted with SQL over those organisations): an open call"
    echo "  with 1,000 submitted applications, listed by the admin; one organisation's drafts, one"
    echo "  per open call, each submitted once by a member of it (grants asks membership over gRPC"
    echo "  at every submission); applications under review in one closed call, each awarded once"
    echo "  by the admin (all queue on the call's row lock). A wrk Lua script takes a different"
    echo "  application per request; the own-SQL ceilings of submit and award run the same"
    echo "  statements on a pool of rows of their own prepared alike, one per transaction. Their"
    echo "  checks outside wrk (\"connection after response\") use an application already acted"
    echo "  on, so they see 409."
    echo "  Events (bench/lib/events.sh): events created and published through the gateway by the"
    echo "  admin (open registration, capacity 100,000, a year ahead); a wrk Lua script registers"
    echo "  a new participant (unique email) per request, anonymously on a public event, and as a"
    echo "  member for its own organisation on a members event (events asks membership over gRPC"
    echo "  at each); every registration of an event queues on its row lock. The own-SQL ceiling"
    echo "  runs one registration's statements (the unlocked read of the event, then the row"
    echo "  lock, insert, counters, outbox and audit in one transaction) on an event of its own."
    echo "  Documents (bench/lib/documents.sh): published documents inserted with SQL, one file"
    echo "  each with about 2,000 characters of text, their search vectors computed by the"
    echo "  service's own statement; GET /v1/documents?q= with a Cyrillic word found in Latin text"
    echo "  (one document in 20), anonymously and as the admin; its own-SQL ceiling is the ranked"
    echo "  page (limit + 1 rows) and the facets, the two statements ListDocuments runs with q."
    echo
    echo "## Results"
    echo
    report_table
    echo
    echo "## Notifications: write to webhook, relay throughput"
    echo
    report_notifications
    echo
    notif_method
    echo
    echo "## Documents: 50 MiB through the gateway"
    echo
    report_documents
    echo
    echo "## Ceilings: the database's own work"
    echo
    report_ceilings
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
