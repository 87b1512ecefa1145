# shellcheck shell=bash
# shellcheck disable=SC2154  # run.sh's globals: tmp, base, vars, org_rows, IRIS_BENCH_PG_PORT
# Part of bench/run.sh: the organisation data and credentials its scenarios use, prepared
# before anything that uses them is measured; gateway requests outside wrk (api); the
# scenarios' @NAME@ placeholders (expand).
# api JSON_FILTER CURL_ARGS...: one gateway request that must answer 2xx; prints the filter's
# result (jq -r) from the JSON body.
api() {
  local filter="$1" code
  shift
  # the body goes to a file: bash's own string matching is quadratic on 70 kB pages
  code="$(curl -s --max-time 10 -o "$tmp/api.json" -w '%{http_code}' "$@")" ||
    iris_die "curl failed: ${*: -1}"
  [[ "$code" == 2?? ]] || iris_die "HTTP $code from ${*: -1}: $(head -c 500 "$tmp/api.json")"
  jq -er "$filter" "$tmp/api.json" || iris_die "no $filter in the answer of ${*: -1}"
}
credentials() {
  vars[TOKEN]="$(api .access_token -H 'Content-Type: application/json' \
    -d "$(jq -cn --arg e "$IRIS_ADMIN_EMAIL" --arg p "$IRIS_ADMIN_PASSWORD" \
      '{email: $e, password: $p}')" "$base/v1/auth/token")"
  vars[API_KEY]="$(api .key -H 'Content-Type: application/json' \
    -H "Authorization: Bearer ${vars[TOKEN]}" -d '{"name":"bench","scopes":["read"]}' \
    "$base/v1/api-keys")"
  iris_log "admin token and read API key issued"
}
# load_orgs N: inserts organisations (active member CSOs, distinct names, countries in turn,
# one second apart in created_at) up to N rows, then VACUUM (ANALYZE): statistics for the
# planner, and hint bits and visibility map set as autovacuum leaves a table that has been
# around, so the first reads do not pay for the bulk load. Sets @ORG_ID@ and @DEEP_CURSOR@.
load_orgs() {
  local target="$1" t0 loaded depth cursor="" page code body seen
  t0="$(date +%s.%N)"
  iris_psql "$IRIS_BENCH_PG_PORT" iris -v from="$((org_rows + 1))" -v to="$target" <<'SQL' ||
INSERT INTO membership.organizations (name, country, kind, status, joined_at, created_at, updated_at)
SELECT 'Bench organisation ' || g, (ARRAY['AL', 'BA', 'HR', 'XK', 'ME', 'MK', 'RS'])[1 + g % 7],
       'member_cso', 'active', date '2020-01-01',
       timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second',
       timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second'
FROM generate_series(:from, :to) AS g;
VACUUM (ANALYZE) membership.organizations;
SQL
    iris_die "loading organisations up to $target rows failed"
  org_rows="$target"
  loaded="$(since "$t0")"
  vars[ORG_ID]="$(iris_psql "$IRIS_BENCH_PG_PORT" iris -Atc "SELECT id FROM membership.organizations
    ORDER BY created_at, id OFFSET $((target / 2)) LIMIT 1")"
  depth=$((target > 200 ? target - 200 : 0))
  # One curl per page and nothing else forked: process start-up, not the gateway, is what
  # makes a 500-page walk slow on a busy machine. Cursors are base64url with a dot (URL-safe).
  for ((seen = 0; seen < depth; seen += 200)); do
    page="$base/v1/organizations?limit=200"
    [[ -z "$cursor" ]] || page+="&cursor=$cursor"
    code="$(curl -s --max-time 10 -o "$tmp/page.json" -w '%{http_code}' "$page")" ||
      iris_die "curl failed: $page"
    [[ "$code" == 200 ]] || iris_die "HTTP $code from $page: $(head -c 500 "$tmp/page.json")"
    read -r -d '' body <"$tmp/page.json" || true
    [[ "$body" =~ \"next_cursor\":[[:space:]]*\"([A-Za-z0-9._~-]+)\" ]] ||
      iris_die "no next_cursor after $seen rows (or not URL-safe): ${body: -300}"
    cursor="${BASH_REMATCH[1]}"
  done
  vars[DEEP_CURSOR]="$cursor"
  iris_log "organisations: $target rows, loaded and analysed in $loaded s; deep cursor after" \
    "$((depth / 200)) pages of 200, $(since "$t0") s in all"
}
# expand TEXT: TEXT with @NAME@ placeholders replaced.
expand() {
  local s="$1" k
  for k in "${!vars[@]}"; do s="${s//@$k@/${vars[$k]}}"; done
  [[ "$s" != *@[A-Z_]*@* ]] || iris_die "unresolved placeholder in '$1'"
  printf '%s' "$s"
}
