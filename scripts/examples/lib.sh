# shellcheck shell=bash
# shellcheck disable=SC2034  # B and PW are the flows'
# Shared by the example flows (scripts/examples/*_flow.sh), sourced after `cd` to the checkout:
# the gateway's address, the admin's password of the running scripts/run.sh, and the helpers
# that call the API and show each answer's status and the part of its body that matters.
B="${B:-http://127.0.0.1:8080}"
PW="$(sed -n 's/^IRIS_ADMIN_PASSWORD=//p' "${IRIS_DATA_DIR:-.iris}/secrets.env")"
j() { jq -r "$1"; }
call() { # METHOD PATH TOKEN [BODY]  (TOKEN "-" is anonymous)
  local m="$1" p="$2" t="$3" b="${4:-}" auth=()
  [[ "$t" != "-" ]] && auth=(-H "Authorization: Bearer $t")
  if [[ -n "$b" ]]; then
    curl -s -X "$m" "$B$p" "${auth[@]}" -H 'Content-Type: application/json' -d "$b" -w '\n%{http_code}\n'
  else
    curl -s -X "$m" "$B$p" "${auth[@]}" -w '\n%{http_code}\n'
  fi
}
show() { local out; out="$(cat)"; echo "$out" | tail -1 | sed 's/^/  -> HTTP /'; echo "$out" | head -n -1 | jq -c "${1:-.}" 2>/dev/null | cut -c1-300; }
body() { head -n -1; }
token() { curl -s "$B/v1/auth/token" -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$2\"}" | j .access_token; }
