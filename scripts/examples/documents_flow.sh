#!/usr/bin/env bash
# The documents flow through the gateway of a running scripts/run.sh, step by step with what each
# answer shows (issue 18): the seeded library searched in Cyrillic with facets, a member's draft
# that nobody else sees, a version with a main PDF and an annex uploaded as raw bytes, review and
# publication, a byte-exact download checked with sha256sum, a range request, a 304, an
# immutable first version after a revision, and a campaign carrying the document and an event.
# Needs curl, jq and sha256sum.
#   IRIS_DATA_DIR=.iris scripts/examples/documents_flow.sh      (B=http://127.0.0.1:8080 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/examples/lib.sh
source scripts/examples/lib.sh
FILES=services/documents/demo/files  # small real PDFs and text files (the demo's)
# put TOKEN PATH FILE TYPE: uploads FILE as the raw body (curl -T sends a Content-Length).
put() { curl -s -T "$3" -H "Authorization: Bearer $1" -H "Content-Type: $4" "$B$2" -w '\n%{http_code}\n'; }
# headers ARGS...: the status line and the headers of interest of a GET with curl ARGS.
headers() { curl -s -o /dev/null -D - "$@" | grep -iE '^(HTTP|etag|content-(type|length|range|disposition)|accept-ranges)' | tr -d '\r' | sed 's/^/  /'; }

ADMIN="$(token admin@iris.example.org "$PW")"
echo "== the seeded library (anonymous): search in Cyrillic finds the Latin titles, with facets"
curl -s -G "$B/v1/documents" --data-urlencode 'q=миграције' | jq -c '{items: [.items[] | {kind, title: .title.en, countries}], facets}'
echo "-- words inside a PDF annex (Annex 2 of the Balkan Briefings), and a Latin word in Annex 4's Cyrillic text:"
curl -s -G "$B/v1/documents" --data-urlencode 'q=questionnaire licensing' | jq -c '[.items[] | .title.en]'
curl -s -G "$B/v1/documents" --data-urlencode 'q=komesarijat' | jq -c '[.items[] | .title.en]'
echo "-- the Regional GAP Assessment per country: Serbia's view is one file of its version"
GAP="$(curl -s "$B/v1/documents?kind=assessment&country=RS" | j '.items[0].id')"
call GET "/v1/documents/$GAP/versions/1" - | show '[.files[] | {name, role, size}]'

echo "== a member of IDC drafts a document for its organisation"
ORG="$(curl -s "$B/v1/organizations?country=RS&limit=1" | j '.items[0].id')"
ORG2="$(curl -s "$B/v1/organizations?country=ME&limit=1" | j '.items[0].id')"
S="$RANDOM"
u() { call POST /v1/users "$ADMIN" "$1" | body | j .id; }
u "{\"email\":\"d1-$S@example.org\",\"password\":\"member password one\",\"name\":\"Member One\",\"role\":\"member\",\"organization_id\":\"$ORG\"}" >/dev/null
u "{\"email\":\"d2-$S@example.org\",\"password\":\"member password two\",\"name\":\"Member Two\",\"role\":\"member\",\"organization_id\":\"$ORG2\"}" >/dev/null
M1="$(token "d1-$S@example.org" 'member password one')"
M2="$(token "d2-$S@example.org" 'member password two')"
DOC="$(call POST /v1/documents "$M1" '{"kind":"guide","title":{"en":"Guide on referral of migrants, 2nd edition","sr-Latn":"Vodič za upućivanje migranata, drugo izdanje"},"summary":{"en":"Who does what when a migrant needs a social or legal service."},"countries":["RS"],"topics":["referral","migration"],"languages":["en","sr-Latn"],"authors":["IRIS Network"]}' | body | j .id)"
call GET "/v1/documents/$DOC" "$M1" | show '{status, organization_ids, current_version}'
echo "-- anonymous, and a member of another organisation: the draft does not exist for them"
call GET "/v1/documents/$DOC" - | show '{type, status}'
call PATCH "/v1/documents/$DOC" "$M2" '{"summary":{"en":"hijacked"}}' | show '{type, status}'
echo "-- submitting without a file:"
call POST "/v1/documents/$DOC/submit" "$M1" | show '{type, detail}'

echo "== version 1: a main PDF and an annex, raw bytes (PUT, Content-Length): 201 and the file"
call POST "/v1/documents/$DOC/versions" "$M1" '{"change_note":"First edition"}' | show '{number, sealed}'
put "$M1" "/v1/documents/$DOC/versions/1/files/guide.pdf" "$FILES/guide-referral-of-migrants.pdf" application/pdf | show '{name, role, size, sha256}'
put "$M1" "/v1/documents/$DOC/versions/1/files/institutions.txt" "$FILES/annex-4-list-of-institutions.txt" 'text/plain; charset=utf-8' | show '{name, role, position, media_type}'
echo "-- the same name again replaces the file (200, same position):"
put "$M1" "/v1/documents/$DOC/versions/1/files/institutions.txt" "$FILES/annex-4-list-of-institutions.txt" 'text/plain; charset=utf-8' | show '{name, position}'
echo "-- a name that is not [A-Za-z0-9._-]{1,128}:"
put "$M1" "/v1/documents/$DOC/versions/1/files/bad%20name.pdf" "$FILES/guide-referral-of-migrants.pdf" application/pdf | show '{type, errors}'
echo "-- indexed by the time the upload answered: the member finds its draft by a word of the PDF (\"shelter\"), in Cyrillic by its Latin title:"
curl -s -G "$B/v1/documents" -H "Authorization: Bearer $M1" --data-urlencode 'q=shelter' | jq -c "[.items[] | select(.id == \"$DOC\") | .status]"
curl -s -G "$B/v1/documents" -H "Authorization: Bearer $M1" --data-urlencode 'q=упућивање' | jq -c "[.items[] | select(.id == \"$DOC\") | .title[\"sr-Latn\"]]"
echo "-- anonymous callers do not find it yet:"
curl -s -G "$B/v1/documents" --data-urlencode 'q=упућивање' | jq -c "[.items[] | select(.id == \"$DOC\")] | length"

echo "== review and publication"
call POST "/v1/documents/$DOC/submit" "$M1" '{"note":"Ready for review"}' | show '{status, status_note}'
echo "-- in review the member may not change it, nor publish it:"
call PATCH "/v1/documents/$DOC" "$M1" '{"summary":{"en":"late change"}}' | show '{type, status}'
call POST "/v1/documents/$DOC/publish" "$M1" | show '{type, status}'
call POST "/v1/documents/$DOC/publish" "$ADMIN" | show '{status, published_at, current_version}'

echo "== download (anonymous): byte-exact, the ETag is the quoted SHA-256"
F="/v1/documents/$DOC/versions/1/files/guide.pdf"
headers "$B$F"
curl -s "$B$F" | sha256sum
sha256sum <"$FILES/guide-referral-of-migrants.pdf"
ETAG="$(curl -s -o /dev/null -D - "$B$F" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')"
echo "-- If-None-Match with that ETag:"
headers -H "If-None-Match: $ETAG" "$B$F"
echo "-- the first 100 bytes, and the last 20:"
headers -H 'Range: bytes=0-99' "$B$F"
curl -s -H 'Range: bytes=0-99' "$B$F" | head -c 8; echo
curl -s -H 'Range: bytes=-20' "$B$F" | od -c | head -2
echo "-- a range past the end:"
headers -H 'Range: bytes=999999-' "$B$F"

echo "== a revision: version 2 with a new main file; version 1 keeps its bytes and hash"
call POST "/v1/documents/$DOC/versions" "$M1" '{"change_note":"Annex on Serbia added"}' | show '{number}'
put "$M1" "/v1/documents/$DOC/versions/2/files/guide.pdf" "$FILES/guide-referral-of-migrants.pdf" application/pdf | show '{name, role}'
put "$M1" "/v1/documents/$DOC/versions/2/files/serbia.pdf" "$FILES/gap-assessment-rs.pdf" application/pdf | show '{name, role}'
echo "-- version 1 is sealed: no more files"
put "$M1" "/v1/documents/$DOC/versions/1/files/late.txt" "$FILES/rezime-sr.txt" text/plain | show '{type, status}'
call POST "/v1/documents/$DOC/publish" "$ADMIN" | show '{status, current_version}'
call GET "/v1/documents/$DOC/versions" - | show '[.items[] | {number, published, sealed, files: [.files[] | .name]}]'
curl -s "$B$F" | sha256sum

echo "== a national campaign of #socialservicesforall carrying the document and the seeded hearing"
HEARING="$(curl -s "$B/v1/events?kind=public_hearing&from=2021-06-01&to=2021-06-30" | j '.items[0].id')"
CAMP="$(call POST /v1/campaigns "$ADMIN" "{\"name\":{\"en\":\"Referral for all: Serbia\",\"sr-Latn\":\"Upućivanje za sve: Srbija\"},\"hashtag\":\"#socialservicesforall\",\"scope\":\"national\",\"country\":\"RS\",\"starts_on\":\"2027-03-01\",\"ends_on\":\"2027-06-30\",\"lead_organization_id\":\"$ORG\",\"key_messages\":[{\"en\":\"Every migrant reaches the service they need.\"}],\"document_ids\":[\"$DOC\"],\"event_ids\":[\"$HEARING\"]}" | body | j .id)"
call GET "/v1/campaigns/$CAMP" - | show '{name: .name.en, scope, country, document_ids, event_ids}'
echo "-- a regional campaign with a country; a national one linking an event that does not exist:"
call POST /v1/campaigns "$ADMIN" '{"name":{"en":"Wrong"},"scope":"regional","country":"RS","starts_on":"2027-01-01"}' | show '{type, errors}'
call POST /v1/campaigns "$ADMIN" '{"name":{"en":"Wrong"},"scope":"national","country":"RS","starts_on":"2027-01-01","event_ids":["00000000-0000-4000-8000-00000000ffff"]}' | show '{type, errors}'
echo "-- every campaign: the seeded #socialservicesforall ones (regional, and national by each partner) and the new one"
curl -s "$B/v1/campaigns?limit=10" | jq -c '[.items[] | {name: .name.en, scope, country, documents: (.document_ids | length)}]'
