#!/usr/bin/env bash
# The Small Grants flow through the gateway of a running scripts/run.sh, step by step with
# what each answer shows (issue 15). Needs curl, jq, node (for the 360Giving check).
#   IRIS_DATA_DIR=.iris scripts/examples/grants_flow.sh      (B=http://127.0.0.1:8080 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/examples/lib.sh
source scripts/examples/lib.sh

ADMIN="$(token admin@iris.example.org "$PW")"
echo "== demo data: the 2021 call, its figures, open data"
curl -s "$B/v1/grant-calls?status=closed" | jq -c '.items[] | {id, title: .title.en, status, closes_on, awarded}'
DEMO="$(curl -s "$B/v1/grant-calls?status=closed" | jq -r '.items[0].id')"
curl -s "$B/v1/grant-calls/$DEMO/stats" | jq -c .
curl -s "$B/v1/grant-stats?from=2019&to=2026" | jq -c '{applications, awards, requested, awarded, years: [.by_year[] | .year]}'

echo "== a new call: closes_on 2027-03-31 in Europe/Belgrade"
ORG="$(curl -s "$B/v1/organizations?country=RS&limit=1" | j '.items[0].id')"
ORG2="$(curl -s "$B/v1/organizations?country=BA&limit=1" | j '.items[0].id')"
CALL="$(call POST /v1/grant-calls "$ADMIN" '{"title":{"en":"Small Grants 2027"},"opens_at":"2026-01-01T00:00:00Z","closes_on":"2027-03-31","timezone":"Europe/Belgrade","budget":{"amount":1000000,"currency":"EUR"},"max_award":{"amount":800000,"currency":"EUR"},"eligible_countries":["RS","BA"],"country_allocations":[{"country":"RS","amount":{"amount":700000,"currency":"EUR"}}],"criteria":[{"key":"relevance","name":{"en":"Relevance"},"weight":60},{"key":"feasibility","name":{"en":"Feasibility"},"weight":40}]}' | body | j .id)"
call GET "/v1/grant-calls/$CALL" "$ADMIN" | show '{status, closes_at, closes_on}'
call POST "/v1/grant-calls/$CALL/open" "$ADMIN" | show '{status}'

echo "== members of two organisations apply; a reviewer; a reviewer of the applicant's organisation"
u() { call POST /v1/users "$ADMIN" "$1" | body | j .id; }
S="$RANDOM"
u "{\"email\":\"m1-$S@example.org\",\"password\":\"member password one\",\"name\":\"Member One\",\"role\":\"member\",\"organization_id\":\"$ORG\"}" >/dev/null
u "{\"email\":\"m2-$S@example.org\",\"password\":\"member password two\",\"name\":\"Member Two\",\"role\":\"member\",\"organization_id\":\"$ORG2\"}" >/dev/null
R1="$(u "{\"email\":\"r1-$S@example.org\",\"password\":\"reviewer password 1\",\"name\":\"Reviewer One\",\"role\":\"reviewer\"}")"
R2="$(u "{\"email\":\"r2-$S@example.org\",\"password\":\"reviewer password 2\",\"name\":\"Reviewer Two\",\"role\":\"reviewer\",\"organization_id\":\"$ORG\"}")"
M1="$(token "m1-$S@example.org" 'member password one')"
M2="$(token "m2-$S@example.org" 'member password two')"
T1="$(token "r1-$S@example.org" 'reviewer password 1')"
APP='{"project_title":"Day care for children with disabilities","summary":"Six months of day care.","requested":{"amount":650000,"currency":"EUR"},"duration_months":6,"budget_lines":[{"category":"personnel","description":"Two carers","amount":{"amount":500000,"currency":"EUR"}},{"category":"equipment","description":"Furniture","amount":{"amount":150000,"currency":"EUR"}}]}'
A1="$(call POST "/v1/grant-calls/$CALL/applications" "$M1" "$APP" | body | j .id)"
A2="$(call POST "/v1/grant-calls/$CALL/applications" "$M2" "$APP" | body | j .id)"
echo "-- a second application of the same organisation:"; call POST "/v1/grant-calls/$CALL/applications" "$M1" "$APP" | show '{type, status}'
echo "-- lines not summing to the request:"; call PATCH "/v1/grant-applications/$A1" "$M1" '{"requested":{"amount":700000,"currency":"EUR"}}' | show '{type, errors}'
echo "-- another organisation's member reads it:"; call GET "/v1/grant-applications/$A1" "$M2" | show '{type, status}'
call POST "/v1/grant-applications/$A1/submit" "$M1" | show '{status, organization_name, country, submitted_at}'
call POST "/v1/grant-applications/$A2/submit" "$M2" | show '{status, organization_name, country}'
call POST "/v1/grant-applications/$A1/reviewers" "$ADMIN" "{\"reviewer_id\":\"$R1\"}" | show '{reviewer_id, reviewer_name}'
echo "-- a reviewer of the applicant's organisation:"; call POST "/v1/grant-applications/$A1/reviewers" "$ADMIN" "{\"reviewer_id\":\"$R2\"}" | show '{type, status, detail}'
call POST "/v1/grant-applications/$A2/reviewers" "$ADMIN" "{\"reviewer_id\":\"$R1\"}" | show '{reviewer_id}'
call POST "/v1/grant-calls/$CALL/close" "$ADMIN" | show '{status}'
call POST "/v1/grant-applications/$A1/reviews" "$T1" '{"scores":{"relevance":8,"feasibility":7},"comment":"Good"}' | show '{score}'
call POST "/v1/grant-applications/$A2/reviews" "$T1" '{"scores":{"relevance":9,"feasibility":6}}' | show '{score}'
echo "-- reviewing twice:"; call POST "/v1/grant-applications/$A2/reviews" "$T1" '{"scores":{"relevance":9,"feasibility":6}}' | show '{type, status}'
call GET "/v1/grant-calls/$CALL/ranking" "$ADMIN" | show '[.items[] | {rank, score, country}]'

echo "== awards: concurrent ones never exceed the RS allocation (700,000) or the budget"
G1="$(call POST "/v1/grant-applications/$A1/award" "$ADMIN" '{"amount":{"amount":600000,"currency":"EUR"},"starts_on":"2027-05-01","ends_on":"2027-10-31"}' | body | j .id)"
call GET "/v1/grants/$G1" "$ADMIN" | show '{contract_number, amount, organization_name}'
call POST "/v1/grant-applications/$A2/award" "$ADMIN" '{"amount":{"amount":500000,"currency":"EUR"},"starts_on":"2027-05-01","ends_on":"2027-10-31"}' | show '{type, status, detail}'
call POST "/v1/grant-applications/$A2/award" "$ADMIN" '{"amount":{"amount":400000,"currency":"EUR"},"starts_on":"2027-05-01","ends_on":"2027-10-31"}' | show '{contract_number, amount}'

echo "== a tranche that needs an accepted interim report"
TR="$(call POST "/v1/grants/$G1/tranches" "$ADMIN" '{"amount":{"amount":300000,"currency":"EUR"},"due_on":"2027-07-01","requires_report":"interim"}' | body | j .id)"
call POST "/v1/tranches/$TR/pay" "$ADMIN" | show '{type, status}'
REP="$(call POST "/v1/grants/$G1/reports" "$M1" '{"kind":"interim","narrative":"Day care opened for 12 children.","spent":{"amount":280000,"currency":"EUR"}}' | body | j .id)"
call POST "/v1/grant-reports/$REP/return" "$ADMIN" '{"note":"Add the attendance list"}' | show '{status, status_note}'
call PATCH "/v1/grant-reports/$REP" "$M1" '{"narrative":"Day care opened for 12 children; attendance list attached."}' | show '{status}'
call POST "/v1/grant-reports/$REP/submit" "$M1" | show '{status}'
call POST "/v1/grant-reports/$REP/accept" "$ADMIN" | show '{status}'
call POST "/v1/tranches/$TR/pay" "$ADMIN" | show '{status, paid_on}'
echo "-- paying twice:"; call POST "/v1/tranches/$TR/pay" "$ADMIN" | show '{type, status}'

echo "== figures and open data"
curl -s "$B/v1/grant-calls/$CALL/stats" | jq -c .
curl -s "$B/v1/open-data/360giving.json" -o /tmp/360g.json
if [[ -d tests/openapi/node_modules/ajv ]]; then
  node tests/openapi/validate_360giving.mjs /tmp/360g.json
else
  echo "(ajv not installed: scripts/test.sh installs it in tests/openapi; skipping the 360Giving check)"
fi
curl -s "$B/v1/open-data/360giving.csv" | head -3 | cut -c1-200
