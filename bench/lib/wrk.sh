# Sourced by bench/run.sh: running wrk and reading its output, the curl checks beside it, and the
# p99 at about half of a scenario's peak (half_rate).
# Uses run.sh's globals: duration, raw (the raw-output file), IRIS_STARTED/IRIS_PIDS;
# run_wrk counts its runs in wrk_runs.

# ms VALUE: wrk latency (e.g. 812.00us, 1.20ms, 2.01s) in milliseconds.
ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}
# write_unique_post_lua FILE BODY: a wrk script POSTing BODY with each "{u}" in it replaced by a
# string unique to the request (run tag from the script argument, wrk thread, counter), so no
# create collides with an earlier one (bench/lib/events.sh registers people with it too).
write_unique_post_lua() {
  {
    cat <<'LUA'
local threads, tag, counter = 0, "run", 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  tag = args[1] or tag
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
LUA
    printf 'local template = [==[%s]==]\n' "$2"
    cat <<'LUA'
function request()
  counter = counter + 1
  local body = template:gsub("{u}", string.format("%s-%d-%d", tag, tid, counter))
  return wrk.format(nil, nil, nil, body)
end
LUA
  } >"$1"
}
# The POST scenario's wrk script (a new organisation per request).
# write_post_script DIR: writes it to DIR/post.lua and sets post_lua.
write_post_script() {
  post_lua="$1/post.lua"
  write_unique_post_lua "$post_lua" '{"name":"Bench {u}","country":"RS","kind":"member_cso"}'
}
# Walking scripts: POST to a different resource per request, for verbs a resource takes once
# (submit, award). The resources are prepared with SQL under ids "<prefix><n as 12 hex
# digits>" for n = 0, 1, ... pool-1; wrk thread t of T takes n = base + t, base + t + T, ...,
# and done() writes the first n the next run may take to the state file, so no run repeats an
# earlier one's resource. Requests past the pool would meet a resource already acted on (a
# non-2xx), and run_wrk says so.
# walk_register NAME PATH_TEMPLATE PREFIX BODY POOL: registers the wrk script NAME; "{n}" in
# PATH_TEMPLATE is replaced by the resource id, BODY is sent with every request.
declare -A walk_template=() walk_prefix=() walk_body=() walk_pool=() walk_state=()
walk_register() {
  walk_template["$1"]="$2" walk_prefix["$1"]="$3" walk_body["$1"]="$4" walk_pool["$1"]="$5"
  walk_state["$1"]="$tmp/walk-$1.state"
  echo 0 >"${walk_state["$1"]}"
}
# walk_next NAME: the first n the next run of NAME takes.
walk_next() { cat "${walk_state["$1"]}"; }
# write_walk_script DIR: writes the walking script to DIR/walk.lua and sets walk_lua. Its
# arguments: path template, id prefix, state file, body, wrk threads.
write_walk_script() {
  walk_lua="$1/walk.lua"
  cat >"$walk_lua" <<'LUA'
local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
  thread:set("tid", #threads - 1)
end
function init(args)
  template, prefix, state, body, step = args[1], args[2], args[3], args[4], tonumber(args[5])
  local f = assert(io.open(state))
  base = assert(tonumber(f:read("*l")))
  f:close()
  k = 0
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
function request()
  local n = base + tid + k * step
  k = k + 1
  local path = template:gsub("{n}", prefix .. string.format("%012x", n))
  return wrk.format(nil, path, nil, body)
end
function done()
  local next_n = 0
  for _, t in ipairs(threads) do
    local n = t:get("base") + t:get("tid") + t:get("k") * t:get("step")
    if n > next_n then next_n = n end
  end
  local f = assert(io.open(threads[1]:get("state"), "w"))
  f:write(next_n, "\n")
  f:close()
end
LUA
}
# Other services' POST scripts (e.g. lib/events.sh's "register"): NAME -> a wrk Lua file that
# takes a run tag as its argument, and NAME -> a function printing the body of one request
# outside wrk from a random tag (the checks).
declare -A lua_scripts=() lua_check_body=()
# run_wrk NAME THREADS CONNS URL SCRIPT [HEADER...]: sets rps p50 p99 non2xx errors. SCRIPT is
# empty (GET), "post", a lua_scripts NAME or a walking script's NAME (the URL then only names the server).
# wrk_seconds=N overrides the duration; a NAME starting with "warm-up" is left out of the raw
# output.
run_wrk() {
  local name="$1" t="$2" c="$3" url="$4" script="$5" out hdr=() lua=() d="${wrk_seconds:-$duration}"
  shift 5
  for h in "$@"; do [[ -z "$h" ]] || hdr+=(-H "$h"); done
  wrk_runs=$((wrk_runs + 1))
  [[ "$script" != post ]] || lua=(-s "$post_lua" "$url" -- "r$wrk_runs")
  [[ -z "$script" || -z "${lua_scripts["$script"]:-}" ]] ||
    lua=(-s "${lua_scripts["$script"]}" "$url" -- "r$wrk_runs")
  if [[ -n "$script" && -n "${walk_template["$script"]:-}" ]]; then
    lua=(-s "$walk_lua" "$url" -- "${walk_template["$script"]}" "${walk_prefix["$script"]}"
      "${walk_state["$script"]}" "${walk_body["$script"]}" "$t")
  fi
  [[ -n "$script" ]] || lua=("$url")
  ((${#lua[@]})) || iris_die "unknown wrk script '$script' for $name"
  for n in "${IRIS_STARTED[@]}"; do
    iris_pid_alive "${IRIS_PIDS[$n]}" || iris_die "$n (pid ${IRIS_PIDS[$n]}) died before: $name"
  done
  out="$(timeout $((d + 30)) wrk -t"$t" -c"$c" -d"${d}s" --timeout 5s --latency \
    "${hdr[@]}" "${lua[@]}" 2>&1)" || iris_die "wrk failed for $name: $out"
  # credentials stay out of RESULTS.md
  [[ "$name" == warm-up* ]] ||
    printf '### %s (wrk -t%s -c%s -d%ss %s %s)\n%s\n\n' "$name" "$t" "$c" "$d" \
      "$(sed -E 's/(Bearer|ApiKey) [^ ]+/\1 .../g' <<<"${hdr[*]}")" "${lua[*]}" "$out" >>"$raw"
  rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")"
  p50="$(ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")"
  p99="$(ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
  non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")"
  non2xx="${non2xx:-0}"
  reqs="$(awk '/ requests in / { print $1 }' <<<"$out")"
  non2xx="$(awk -v n="$non2xx" -v t="${reqs:-0}" \
    'BEGIN { if (n > 0) printf "%d (%.1f %%)", n, (t > 0 ? 100 * n / t : 100); else print 0 }')"
  errors="$(awk -F'[ ,]+' '/Socket errors:/ { print $4 + $6 + $8 + $10 }' <<<"$out")"
  errors="${errors:-0}"
  iris_log "$(printf '%-34s c=%-3s %8s req/s  p50 %6s ms  p99 %7s ms  non-2xx %s  socket errors %s' \
    "$name" "$c" "$rps" "$p50" "$p99" "$non2xx" "$errors")"
  if [[ -n "$script" && -n "${walk_pool["$script"]:-}" ]] &&
    (($(walk_next "$script") > ${walk_pool["$script"]})); then
    iris_log "warning: $name went past its ${walk_pool["$script"]} prepared resources" \
      "(non-2xx from there on): raise the pool in lib/grants.sh"
    printf '(%s went past its %s prepared resources)\n\n' "$name" "${walk_pool["$script"]}" >>"$raw"
  fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "-" }'; }

variant_name() { [[ -n "$1" ]] && echo "keep-alive" || echo "none"; }

# Bodies and curl options per wrk script, for the checks outside wrk.
post_body() { printf '{"name":"Bench check %s","country":"RS","kind":"member_cso"}' "$1"; }
# curl_args SCRIPT HEADER...: prints nothing; sets the array curl_opts.
curl_args() {
  local script="$1" h
  shift
  curl_opts=()
  for h in "$@"; do [[ -z "$h" ]] || curl_opts+=(-H "$h"); done
  if [[ "$script" == post ]]; then
    curl_opts+=(-H "Content-Type: application/json" -d "$(post_body "$(iris_random_hex 6)")")
  elif [[ -n "$script" && -n "${lua_check_body["$script"]:-}" ]]; then
    curl_opts+=(-H "Content-Type: application/json"
      -d "$("${lua_check_body["$script"]}" "$(iris_random_hex 6)")")
  elif [[ -n "$script" ]]; then
    curl_opts+=(-H "Content-Type: application/json" -d "${walk_body["$script"]}")
  fi
}

# reuse URL SCRIPT [HEADER...]: whether the server kept the connection for a second request
# (curl sends no Connection header of its own).
reuse() {
  local url="$1" script="$2" n
  shift 2
  curl_args "$script" "$@"
  n="$(curl -s "${curl_opts[@]}" -o /dev/null -o /dev/null -w '%{num_connects} ' "$url" "$url")" || true
  [[ "$n" == "1 0 " ]] && echo kept || echo "closed"
}

# p99 at about half of peak: wrk has no fixed-rate mode, so fewer connections ("fewer
# connections" method): -c2, and -c1 as well when two connections still come near the peak.
declare -A low=()  # label -> "rps|p99|conns|non2xx|share" at fewer connections
# half_rate LABEL URL SCRIPT PEAK [HEADER]: sets low[LABEL].
half_rate() {
  local label="$1" url="$2" script="$3" p="$4" extra="${5:-}" best="" c share cand
  for c in 2 1; do
    run_wrk "$label [half rate, c=$c]" 1 "$c" "$url" "$script" "$extra"
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
}
