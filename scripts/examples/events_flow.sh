#!/usr/bin/env bash
# The events flow through the gateway of a running scripts/run.sh, step by step with what each
# answer shows (issue 17): the seeded events, a call for participants with selection, capacity
# under parallel registrations, the waiting list, attendance, certificates anyone can verify,
# the calendar, and a mentoring programme. Needs curl and jq.
#   IRIS_DATA_DIR=.iris scripts/examples/events_flow.sh      (B=http://127.0.0.1:8080 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/examples/lib.sh
source scripts/examples/lib.sh

ADMIN="$(token admin@iris.example.org "$PW")"
echo "== the seeded events (anonymous): the IV Academy, the Peer Review of 7 July, the Public Hearing"
curl -s "$B/v1/events?from=2021-01-01&to=2021-12-31" | jq -c '.items[] | {kind, title: .title.en, starts_at, status, places}'
echo "-- a certificate of the Peer Review, verified by anyone:"
CODE="$(call GET "/v1/events?kind=peer_review&from=2021-07-01&to=2021-07-31" "$ADMIN" | body | j '.items[0].id' | xargs -I{} curl -s "$B/v1/events/{}/registrations?limit=1" -H "Authorization: Bearer $ADMIN" | j '.items[0].certificate_code')"
call GET "/v1/certificates/$CODE" - | show

echo "== a call for participants: 2 places, English required, closes on 2027-10-14 (end of that day in Belgrade)"
ORG="$(curl -s "$B/v1/organizations?country=RS&limit=1" | j '.items[0].id')"
ORG2="$(curl -s "$B/v1/organizations?country=ME&limit=1" | j '.items[0].id')"
EV="$(call POST /v1/events "$ADMIN" "{\"kind\":\"academy\",\"edition\":\"V\",\"title\":{\"en\":\"V Regional Social Academy\"},\"theme\":{\"en\":\"Community services after deinstitutionalization\"},\"format\":\"online\",\"online_url\":\"https://meet.example.org/academy\",\"starts_at\":\"2027-10-20T07:00:00Z\",\"ends_at\":\"2027-10-22T15:00:00Z\",\"timezone\":\"Europe/Belgrade\",\"languages\":[\"en\"],\"language_requirement\":{\"en\":\"A good command of English\"},\"capacity\":2,\"audience\":\"members\",\"host_organization_id\":\"$ORG\",\"registration\":{\"mode\":\"application\",\"closes_on\":\"2027-10-14\"}}" | body | j .id)"
call GET "/v1/events/$EV" - | show '{type, status}'
echo "-- (a draft is not visible to anonymous callers)"
call POST "/v1/events/$EV/publish" "$ADMIN" | show '{status, registration}'

echo "== members of two organisations apply; the other organisation cannot read them"
S="$RANDOM"
u() { call POST /v1/users "$ADMIN" "$1" | body | j .id; }
u "{\"email\":\"e1-$S@example.org\",\"password\":\"member password one\",\"name\":\"Member One\",\"role\":\"member\",\"organization_id\":\"$ORG\"}" >/dev/null
u "{\"email\":\"e2-$S@example.org\",\"password\":\"member password two\",\"name\":\"Member Two\",\"role\":\"member\",\"organization_id\":\"$ORG2\"}" >/dev/null
M1="$(token "e1-$S@example.org" 'member password one')"
M2="$(token "e2-$S@example.org" 'member password two')"
R=()
for n in 1 2 3; do
  R+=("$(call POST "/v1/events/$EV/registrations" "$M1" "{\"person\":{\"name\":\"Participant $n\",\"email\":\"p$n-$S@example.org\"},\"motivation\":\"Works on licensing\"}" | body | j .id)")
done
call GET "/v1/registrations/${R[0]}" "$M1" | show '{status, organization_id}'
echo "-- another organisation's member:"; call GET "/v1/registrations/${R[0]}" "$M2" | show '{type, status}'
call POST "/v1/registrations/${R[0]}/select" "$ADMIN" | show '{status}'
call POST "/v1/registrations/${R[1]}/select" "$ADMIN" | show '{status}'
echo "-- a third selection over capacity 2:"; call POST "/v1/registrations/${R[2]}/select" "$ADMIN" | show '{type, status}'
call POST "/v1/registrations/${R[2]}/waitlist" "$ADMIN" | show '{status}'
call POST "/v1/registrations/${R[0]}/confirm" "$M1" | show '{status}'
call POST "/v1/registrations/${R[1]}/cancel" "$M1" | show '{status}'
echo "-- the first waitlisted was promoted:"; call GET "/v1/registrations/${R[2]}" "$ADMIN" | show '{status}'
call GET "/v1/events/$EV" "$ADMIN" | show '{places}'

echo "== open registration: capacity 3, ten at once -> exactly 3 confirmed, 7 waitlisted"
OPEN="$(call POST /v1/events "$ADMIN" '{"kind":"public_hearing","title":{"en":"Public Hearing on social services"},"format":"online","online_url":"https://meet.example.org/hearing","starts_at":"2027-06-01T08:00:00Z","ends_at":"2027-06-01T12:00:00Z","capacity":3,"audience":"public","country":"RS","registration":{"mode":"open"}}' | body | j .id)"
call POST "/v1/events/$OPEN/publish" "$ADMIN" >/dev/null
echo "-- the hearing's agenda: a session with speakers, and one outside the event's time"
call POST "/v1/events/$OPEN/sessions" "$ADMIN" '{"title":{"en":"Opening"},"starts_at":"2027-06-01T08:00:00Z","ends_at":"2027-06-01T09:00:00Z","speakers":[{"name":"A. Speaker","organization":"UNICEF"}]}' | show '{title, starts_at}'
echo "-- a session outside the event's time:"
call POST "/v1/events/$OPEN/sessions" "$ADMIN" '{"title":{"en":"Late"},"starts_at":"2027-06-02T08:00:00Z","ends_at":"2027-06-02T09:00:00Z"}' | show '{type, errors}'
# As staff: anonymous callers may register for a public event too, 10 an hour per address
# (IRIS_ANONYMOUS_REGISTRATIONS_PER_HOUR), which a second run of this script would exceed.
for n in $(seq 1 10); do
  curl -s -o /dev/null -X POST "$B/v1/events/$OPEN/registrations" -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' -d "{\"person\":{\"name\":\"Guest $n\",\"email\":\"g$n-$S@example.org\"}}" &
done
wait
call GET "/v1/events/$OPEN" - | show '{places}'

echo "== attendance, completion, certificates"
echo "-- a day that has not come yet:"; call POST "/v1/registrations/${R[0]}/attendance" "$ADMIN" '{"date":"2027-10-20"}' | show '{type, errors}'
echo "-- completing before the end:"; call POST "/v1/events/$EV/complete" "$ADMIN" | show '{type, detail}'
echo "-- staff move the academy to October 2025 (as if it had been held then), so its days have begun and it has ended:"
call PATCH "/v1/events/$EV" "$ADMIN" '{"starts_at":"2025-10-20T07:00:00Z","ends_at":"2025-10-22T15:00:00Z","registration":{"closes_on":"2025-10-14"}}' | show '{starts_at, ends_at}'
call POST "/v1/registrations/${R[0]}/attendance" "$ADMIN" '{"date":"2025-10-20"}' | show '{attended_days}'
call POST "/v1/registrations/${R[0]}/attendance" "$ADMIN" '{"date":"2025-10-21"}' | show '{attended_days}'
call POST "/v1/registrations/${R[0]}/attendance" "$ADMIN" '{"date":"2025-10-22"}' | show '{attended_days}'
echo "-- a day the event does not have:"; call POST "/v1/registrations/${R[0]}/attendance" "$ADMIN" '{"date":"2025-10-25"}' | show '{type, errors}'
call POST "/v1/events/$EV/complete" "$ADMIN" | show '{status}'
CODE="$(call GET "/v1/registrations/${R[0]}" "$M1" | body | j .certificate_code)"
call GET "/v1/certificates/$CODE" - | show

echo "== the calendar (RFC 5545), Serbia's events"
curl -s "$B/v1/calendar.ics?country=RS" | head -20

echo "== a mentoring programme for service licensing"
PRG="$(call POST /v1/programmes "$ADMIN" '{"kind":"mentoring","name":{"en":"Mentoring for service licensing 2027"},"starts_on":"2027-01-01","ends_on":"2027-12-31"}' | body | j .id)"
PL="$(call POST "/v1/programmes/$PRG/placements" "$ADMIN" "{\"organization_id\":\"$ORG\",\"mentor\":{\"name\":\"A. Mentor\",\"email\":\"mentor-$S@example.org\"},\"topic\":\"service licensing\"}" | body | j .id)"
call POST "/v1/placements/$PL/sessions" "$M1" '{"date":"2027-02-03","minutes":90,"note":"Licensing file reviewed"}' | show '{date, minutes}'
call GET "/v1/placements/$PL" "$M1" | show '{topic, session_count, total_minutes}'
call GET "/v1/placements/$PL/sessions" "$M1" | show '[.items[] | {date, minutes, note}]'
echo "-- another organisation's member:"; call GET "/v1/placements/$PL" "$M2" | show '{type, status}'
