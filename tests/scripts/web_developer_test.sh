#!/usr/bin/env bash
# The API as a web developer at a partner organisation meets it, against scripts/run.sh with the
# built binaries (started once): every command of docs/getting-started.md answers as the page
# says; TypeScript types generated from docs/openapi.yaml type-check a small client
# (tests/web/typed_client) that then runs against the gateway; GET /docs, opened in headless
# Chromium, shows every tag of the document without one Content-Security-Policy violation.
# Usage: web_developer_test.sh BUILD_DIR (ctest passes CMAKE_BINARY_DIR; nothing is built).
# Needs /usr/bin/chromium, jq and node (scripts/test.sh installs them) and the npm registry
# the first time (tests/web and the docs page are installed with npm ci; skipped when their
# locks are unchanged).
# shellcheck disable=SC2317  # the predicates below are called through check
set -uo pipefail  # no -e: a failed check is counted and the test goes on (or stops) by itself

# Ports, data dir, start_run / wait_running / stop_run, check, finish and the cleanup trap.
# shellcheck source=lib/run_harness.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/run_harness.sh"
# shellcheck source=../../scripts/lib/npm.sh
source "$root/scripts/lib/npm.sh"

web="$root/tests/web"
started=$SECONDS

# --- tools ------------------------------------------------------------------------------------
for tool in /usr/bin/chromium jq node npm; do
  if ! command -v "$tool" >/dev/null; then
    fail "$tool is installed (scripts/test.sh installs it: IRIS_TEST_PACKAGES)"
    finish
  fi
done
if ! iris_npm_ci "$web"; then
  fail "npm ci in tests/web"
  finish
fi

# --- the system, with demo data so the directory has something to show ------------------------
admin_password="$(iris_random_hex 12)"
start_run web IRIS_DEMO=1 IRIS_ADMIN_PASSWORD="$admin_password"
if ! wait_running; then
  fail "run.sh prints 'IRIS is running' within 120 s"
  finish
fi
pass "run.sh prints 'IRIS is running' ($((SECONDS - started)) s)"
check "run.sh names the docs page" run_says "$base/docs"

# The developer's account: the national coordinator of Serbia, whom the admin creates.
dev_email="web-dev-$(iris_random_hex 4)@example.org"
dev_password="$(iris_random_hex 12)"
# api METHOD PATH BODY [TOKEN]: the JSON answer on stdout; fails unless it is a 2xx.
api() {
  local auth=()
  if [[ -n "${4:-}" ]]; then auth=(-H "Authorization: Bearer $4"); fi
  curl -sS --fail-with-body --max-time 10 -X "$1" "$base$2" "${auth[@]}" \
    -H 'Content-Type: application/json' -d "$3"
}
make_account() {
  local admin_token
  admin_token="$(api POST /v1/auth/token "$(jq -n --arg p "$admin_password" \
    '{email: "admin@iris.example.org", password: $p}')" | jq -er .access_token)" &&
    api POST /v1/users "$(jq -n --arg e "$dev_email" --arg p "$dev_password" \
      '{email: $e, password: $p, name: "Web Developer", role: "national_coordinator",
        country: "RS"}')" "$admin_token" >/dev/null
}
if ! check "the admin creates the developer's account (RS coordinator)" make_account; then
  finish
fi

# --- A. docs/getting-started.md, every command as written -------------------------------------
doc_dir="$tmp/getting-started"
mkdir -p "$doc_dir"
getting_started() {
  (cd "$doc_dir" && BASE="$base" EMAIL="$dev_email" PASSWORD="$dev_password" \
    PATH="$web/node_modules/.bin:$PATH" node "$web/doc_commands.mjs" "$root/docs/getting-started.md")
}
part=$SECONDS
check "every command of docs/getting-started.md answers as the page says" getting_started
echo "   (A took $((SECONDS - part)) s)"

# --- B. a typed client: types generated from docs/openapi.yaml, tsc --strict, run -------------
typed="$tmp/typed_client"
mkdir -p "$typed"
cp "$web/typed_client/client.mts" "$web/typed_client/tsconfig.json" "$typed/"
ln -s "$web/node_modules" "$typed/node_modules"  # openapi-fetch and @types/node for tsc
part=$SECONDS
check "openapi-typescript generates types from docs/openapi.yaml" \
  "$web/node_modules/.bin/openapi-typescript" "$root/docs/openapi.yaml" \
  --output "$typed/iris-api.d.ts"
check "the typed client type-checks (tsc --strict --noEmit)" \
  "$web/node_modules/.bin/tsc" -p "$typed" --noEmit
typed_client_runs() {
  "$web/node_modules/.bin/tsc" -p "$typed" --noCheck &&
    BASE="$base" EMAIL="$dev_email" PASSWORD="$dev_password" node "$typed/out/client.mjs"
}
check "the typed client's calls answer as typed and expected" typed_client_runs
echo "   (B took $((SECONDS - part)) s)"

# --- C. GET /docs in headless Chromium --------------------------------------------------------
part=$SECONDS
head_is_get() {
  local get head
  get="$(curl -sS -o /dev/null -D - "$base/docs" | grep -iv '^\(date\|x-request-id\):' |
    tr -d '\r' | sort)"
  head="$(curl -sS -I "$base/docs" | grep -iv '^\(date\|x-request-id\):' | tr -d '\r' | sort)"
  [[ -n "$get" && "$get" == "$head" && "$head" == *"HTTP/1.1 200"* ]] || {
    printf 'GET:\n%s\nHEAD:\n%s\n' "$get" "$head"
    return 1
  }
}
check "HEAD /docs answers GET's head" head_is_get
revalidates() {
  local etag
  etag="$(curl -sS -D - -o /dev/null "$base/docs/swagger-ui-bundle.js" | tr -d '\r' |
    awk 'tolower($1) == "etag:" { print $2 }')"
  [[ -n "$etag" && "$(curl -sS -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" \
    "$base/docs/swagger-ui-bundle.js")" == 304 ]]
}
check "a docs file revalidates with its ETag (304)" revalidates
check "GET /docs in headless Chromium shows every tag, no CSP violation" \
  node "$web/docs_page.mjs" "$base"
echo "   (C took $((SECONDS - part)) s)"

# --- stop -------------------------------------------------------------------------------------
stop_run
echo "took $((SECONDS - started)) s"
finish
