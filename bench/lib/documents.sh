# shellcheck shell=bash
# shellcheck disable=SC2154,SC2034  # run.sh's globals (tmp, raw, base, vars, duration, ...); docs is read by report.sh
# Part of bench/run.sh: the documents service (issue 18 item 6). Two parts:
#   - "documents: 50 MiB upload and download through the gateway" (documents_transfers): a
#     file of IRIS_BENCH_TRANSFER_MIB MiB (default 50, the default upload limit; random bytes,
#     application/octet-stream, so no text extraction) PUT with `curl -T` into a version of a
#     document made through the gateway, IRIS_BENCH_TRANSFER_RUNS times (default 3; the same
#     name, so each run replaces the file as a re-upload does), then GET to /dev/null as many
#     times (as the admin: the document stays a draft); MiB/s from curl's own timing. Meanwhile the peak RSS of the gateway and of the
#     documents process: their VmHWM, reset to the current RSS before each direction
#     (/proc/<pid>/clear_refs 5), so it is the peak of the transfers alone; a 20 ms VmRSS
#     sampler is the fallback where the reset is refused. The upload's answer must carry the
#     file's SHA-256, and one more download is checked byte for byte (sha256sum).
#   - the search scenarios (run.sh SCENARIOS, @DOCS_*@ placeholders): GET /v1/documents?q=...
#     at peak over IRIS_BENCH_DOCUMENTS (default 5,000) published documents inserted with SQL,
#     each with one file whose text (about 2,000 characters of Serbian and English words) is
#     in its search vectors, computed by the service's own statement
#     (documents_refresh_search, --print-sql, run per document). The query word is in one
#     document of 20 (5 %: about 250 matches to rank and count facets over). Their own-SQL
#     ceiling (documents_own_sql): what ListDocuments with q runs, the ranked page
#     (documents_search, limit + 1 rows) and the facets (documents_facets), one request per
#     pgbench transaction, as the same caller.

documents_parts=("documents: 50 MiB upload and download through the gateway")
documents_loaded=0
declare -gA docs=()  # figures for the report (report_documents)
readonly documents_org=d0000000-0000-4000-8000-000000000001  # the documents' organisation
# The query: "migracije" written in Cyrillic, found in Latin text (the folding), URL-encoded.
readonly documents_q_word='миграције'
readonly documents_q_url='%D0%BC%D0%B8%D0%B3%D1%80%D0%B0%D1%86%D0%B8%D1%98%D0%B5'

# documents_env: the settings of the documents process on this run's ports (and the
# gateway's upstream); membership and events addresses are run.sh's.
documents_env() {
  export IRIS_DOCUMENTS_GRPC_PORT="$IRIS_BENCH_DOCUMENTS_GRPC_PORT"
  export IRIS_DOCUMENTS_METRICS_PORT="$IRIS_BENCH_DOCUMENTS_METRICS_PORT"
  export IRIS_DOCUMENTS_DATABASE_URL="postgresql://iris_documents:iris_documents@127.0.0.1:$IRIS_BENCH_PG_PORT/iris"
  export IRIS_DOCUMENTS_ADDR="127.0.0.1:$IRIS_BENCH_DOCUMENTS_GRPC_PORT"
  # The defaults, written out: the transfer part uploads a file of exactly this size.
  export IRIS_MAX_UPLOAD_BYTES=52428800 IRIS_DOCUMENTS_MAX_FILE_BYTES=52428800
}

# documents_needed SCENARIO_LINE: whether the line uses the documents' data.
documents_needed() { [[ "$1" == *@DOCS_* ]]; }
# documents_selected: whether IRIS_BENCH_ONLY kept the transfer part.
documents_selected() { ((${#documents_parts[@]})); }

# documents_org_insert: the organisation the bench's documents belong to (an active member CSO).
documents_org_insert() {
  iris_psql "$IRIS_BENCH_PG_PORT" iris -v org="$documents_org" >/dev/null <<'SQL' ||
INSERT INTO membership.organizations (id, name, country, kind, status, joined_at)
VALUES (:'org', 'Bench documents organisation', 'RS', 'member_cso', 'active', date '2020-01-01')
ON CONFLICT (id) DO NOTHING;
SQL
    iris_die "inserting the documents' organisation failed"
}

# load_documents: the organisation, the published documents with their files and search
# vectors; sets the placeholders.
load_documents() {
  local t0 n="${IRIS_BENCH_DOCUMENTS:-5000}" refresh
  t0="$(date +%s.%N)"
  refresh="$("$documents_bin" --print-sql documents_refresh_search)" ||
    iris_die "no statement documents_refresh_search in iris-documents"
  documents_org_insert
  iris_psql "$IRIS_BENCH_PG_PORT" iris -v org="$documents_org" -v n="$n" -v refresh="$refresh" \
    <<'SQL' || iris_die "loading the documents scenarios' data failed"
-- Words of the texts: Serbian (with diacritics) and English, none the query's word.
CREATE TEMP TABLE vocab AS
SELECT array_agg(w) AS words, count(*)::int AS n FROM unnest(string_to_array(
  'socijalne usluge zaštita prava deca mladi žene nasilje osobe invaliditet starije romi ' ||
  'izbeglice azil integracija zajednica lokalna samouprava centar rad standardi kvalitet ' ||
  'licenciranje finansiranje budžet opština ministarstvo politika zagovaranje izveštaj ' ||
  'analiza preporuke podrška mreža članice organizacije civilnog društva pružaoci usluga ' ||
  'social services protection rights children youth women violence persons disability ' ||
  'older roma refugees asylum integration community local government centre standards ' ||
  'quality licensing funding budget municipality ministry policy advocacy report analysis ' ||
  'recommendations support network members organisations civil society providers ' ||
  'accession chapter justice freedom security education health employment housing ' ||
  'deinstitutionalization independent living mentoring academy grants peer review', ' ')) AS w;
INSERT INTO documents.blobs (id, size, sha256, chunk_size)
VALUES ('d0000000-0000-4000-d100-000000000001', 0,
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 262144)
ON CONFLICT (id) DO NOTHING;
INSERT INTO documents.documents
  (id, kind, title, summary, countries, topics, languages, organization_ids, authors, status,
   status_changed_at, published_at, latest_version, published_version, version)
SELECT ('d0000000-0000-4000-d000-' || lpad(to_hex(g), 12, '0'))::uuid,
       (ARRAY['shadow_report', 'policy_brief', 'assessment', 'briefing', 'newsletter',
              'case_study', 'guide', 'strategy', 'report', 'other'])[1 + g % 10],
       jsonb_build_object('en', 'Bench document ' || g || ' on ' || v.words[1 + g % v.n] || ' and ' ||
                                v.words[1 + (g * 7) % v.n],
                          'sr-Latn', 'Dokument ' || g || ': ' || v.words[1 + (g * 13) % v.n]),
       jsonb_build_object('en', 'A summary about ' || v.words[1 + (g * 3) % v.n] || ', ' ||
                                v.words[1 + (g * 5) % v.n] || ' and ' || v.words[1 + (g * 11) % v.n] || '.'),
       ARRAY[(ARRAY['AL', 'BA', 'HR', 'XK', 'ME', 'MK', 'RS'])[1 + g % 7]],
       ARRAY[(ARRAY['migration', 'social-services', 'advocacy', 'licensing', 'roma'])[1 + g % 5]],
       '{en}', ARRAY[:'org'::uuid], '{Bench}', 'published',
       timestamptz '2015-01-01 00:00:00+00' + g * interval '12 hours',
       timestamptz '2015-01-01 00:00:00+00' + g * interval '12 hours', 1, 1, 3
FROM generate_series(1, :n) AS g, vocab AS v
ON CONFLICT (id) DO NOTHING;
INSERT INTO documents.versions (document_id, number, published_at)
SELECT d.id, 1, d.published_at FROM documents.documents d
WHERE d.id::text LIKE 'd0000000-0000-4000-d000-%'
ON CONFLICT DO NOTHING;
-- One file each: about 300 words, the query's word in one document of 20.
INSERT INTO documents.files (document_id, version, name, position, media_type, blob_id, size,
                             sha256, text)
SELECT ('d0000000-0000-4000-d000-' || lpad(to_hex(g), 12, '0'))::uuid, 1, 'report.pdf', 1,
       'application/pdf', 'd0000000-0000-4000-d100-000000000001', 0,
       'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
       (SELECT string_agg(v.words[1 + ((g * 7919 + k * 104729) % v.n)], ' ')
          FROM generate_series(1, 300) AS k)
       || CASE WHEN g % 20 = 0 THEN ' migracije' ELSE '' END
FROM generate_series(1, :n) AS g, vocab AS v
ON CONFLICT DO NOTHING;
-- The search vectors as the service computes them: its own statement, per document.
SELECT format($do$DO $x$ DECLARE d uuid; BEGIN
  FOR d IN SELECT id FROM documents.documents WHERE id::text LIKE 'd0000000-0000-4000-d000-%%' LOOP
    EXECUTE %L USING d;
  END LOOP; END $x$$do$, :'refresh') \gexec
VACUUM (ANALYZE) documents.documents, documents.versions, documents.files;
SQL
  vars[DOCS_Q]="$documents_q_url"
  docs[count]="$n"
  docs[matches]="$(iris_psql "$IRIS_BENCH_PG_PORT" iris -Atc "SELECT count(*) FROM documents.documents
    WHERE search_public @@ websearch_to_tsquery('simple', public.iris_fold('$documents_q_word'))")"
  docs[load_s]="$(since "$t0")"
  documents_loaded=1
  iris_log "documents: $n published documents with a file each and their search vectors," \
    "${docs[matches]} matching '$documents_q_word'; ${docs[load_s]} s"
}

# documents_own_sql KEY FILE: the pgbench script of KEY's own SQL: the ranked page (limit 20 +
# 1) and the facets, as an anonymous caller (documents_search) or a network admin
# (documents_search_admin: sees unpublished, so the full vectors are searched too).
documents_own_sql() {
  local admin=false q="'$documents_q_word'"
  [[ "$1" != documents_search_admin ]] || admin=true
  {
    sql_of_in "$documents_bin" documents_search "$admin" "''" "''" NULL NULL NULL NULL NULL NULL \
      "$q" 21 0
    sql_of_in "$documents_bin" documents_facets "$admin" "''" "''" NULL NULL NULL NULL NULL NULL "$q"
  } >"$2"
}

# rss_kb PID FIELD: VmRSS or VmHWM of PID in kB.
rss_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
# documents_peak_start: resets the peak RSS of the gateway and documents, starts the sampler.
documents_peak_start() {
  local p
  docs_hwm_reset=1
  before_gateway="$(rss_mb "${IRIS_PIDS[gateway]}")" before_documents="$(rss_mb "${IRIS_PIDS[documents]}")"
  for p in "${IRIS_PIDS[gateway]}" "${IRIS_PIDS[documents]}"; do
    { echo 5 >"/proc/$p/clear_refs"; } 2>/dev/null || docs_hwm_reset=0
  done
  echo "0 0" >"$tmp/rss-sampled"
  (
    g=0 d=0
    # Ends with either process or with run.sh ($$ in a subshell), however the run stops.
    while kill -0 "$$" 2>/dev/null &&
      x="$(rss_kb "${IRIS_PIDS[gateway]}" VmRSS 2>/dev/null)" && [[ -n "$x" ]]; do
      ((x > g)) && g="$x"
      x="$(rss_kb "${IRIS_PIDS[documents]}" VmRSS 2>/dev/null)" || break
      [[ -n "$x" ]] || break
      ((x > d)) && d="$x"
      echo "$g $d" >"$tmp/rss-sampled"
      sleep 0.02
    done
  ) &
  docs_sampler=$!
}
# documents_peak_end: sets peak_gateway and peak_documents (MB) for what ran since the start.
documents_peak_end() {
  local g d
  kill "$docs_sampler" 2>/dev/null || true
  wait "$docs_sampler" 2>/dev/null || true
  read -r g d <"$tmp/rss-sampled"
  if ((docs_hwm_reset)); then
    g="$(rss_kb "${IRIS_PIDS[gateway]}" VmHWM)" d="$(rss_kb "${IRIS_PIDS[documents]}" VmHWM)"
  fi
  peak_gateway="$(awk -v k="$g" 'BEGIN { printf "%.1f", k / 1024 }')"
  peak_documents="$(awk -v k="$d" 'BEGIN { printf "%.1f", k / 1024 }')"
}

# documents_transfer_failed WHAT CURL_OUTPUT: stops the run, naming a process that died.
documents_transfer_failed() {
  local p dead=""
  kill "$docs_sampler" 2>/dev/null || true
  for p in gateway documents; do iris_pid_alive "${IRIS_PIDS[$p]}" || dead+=" $p"; done
  iris_die "$1 failed (curl: ${2:-no answer})${dead:+; died:$dead}"
}

# documents_write_pdf FILE BYTES: a valid PDF of about BYTES: one page with a line of text
# ("Bench scan" and the word benchscanword, which search then finds) over a grey image of
# random bytes, as a scanned report is mostly image. Poppler reads the text and never decodes
# the image, so this measures the spooling and parsing an upload of a big PDF costs.
documents_write_pdf() {
  local file="$1" width=8192 rows n content off=()
  rows=$((($2 - 2048) / width)) n=$((rows * width))
  content="BT /F1 12 Tf 72 760 Td (Bench scan benchscanword) Tj ET q 451 0 0 300 72 400 cm /Im1 Do Q"
  : >"$file"
  obj() { off+=("$(stat -c %s "$file")"); printf '%s 0 obj\n%s\nendobj\n' "$1" "$2" >>"$file"; }
  printf '%%PDF-1.4\n' >>"$file"
  obj 1 '<< /Type /Catalog /Pages 2 0 R >>'
  obj 2 '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'
  obj 3 '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Im1 6 0 R >> >> /Contents 5 0 R >>'
  obj 4 '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'
  obj 5 "<< /Length ${#content} >>
stream
$content
endstream"
  off+=("$(stat -c %s "$file")")
  {
    printf '6 0 obj\n<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d >>\nstream\n' \
      "$width" "$rows" "$n"
    head -c "$n" /dev/urandom
    printf '\nendstream\nendobj\n'
  } >>"$file"
  local xref
  xref="$(stat -c %s "$file")"
  {
    printf 'xref\n0 7\n0000000000 65535 f \n'
    printf '%010d 00000 n \n' "${off[@]}"
    printf 'trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' "$xref"
  } >>"$file"
}

# documents_pdf_upload URL: one upload of a big PDF (documents_write_pdf) as application/pdf,
# with the peak RSS meanwhile; then the admin must find the document by the PDF's word.
documents_pdf_upload() {
  local url="$1/scan.pdf" file="$tmp/scan.pdf" out code speed got doc="$2"
  documents_write_pdf "$file" "$((docs[mib] * 1048576))"
  documents_peak_start
  out="$(curl -s --max-time 600 -T "$file" -H "Authorization: Bearer ${vars[TOKEN]}" \
    -H 'Content-Type: application/pdf' -o "$tmp/api.json" -w '%{http_code} %{speed_upload}' \
    "$url")" || documents_transfer_failed "PDF upload" "$out"
  documents_peak_end
  read -r code speed <<<"$out"
  [[ "$code" == 20[01] ]] || iris_die "PDF upload: HTTP $code: $(head -c 500 "$tmp/api.json")"
  got="$(api '[.items[].id] | join(" ")' -G -H "Authorization: Bearer ${vars[TOKEN]}" \
    --data-urlencode 'q=benchscanword' "$base/v1/documents")"
  if [[ " $got " == *" $doc "* ]]; then got=yes; else got="NO (search did not find it)"; fi
  docs[pdf_bytes]="$(stat -c %s "$file")"
  docs[pdf]="$(awk -v s="$speed" 'BEGIN { printf "%.1f", s / 1048576 }')"
  docs[pdf_gateway]="$peak_gateway (from $before_gateway)"
  docs[pdf_documents]="$peak_documents (from $before_documents)"
  docs[pdf_found]="$got"
  rm -f "$file"
}

# median VALUE...: the middle value (the lower of the two middle ones).
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# documents_transfers: the transfer part (see the top of this file).
documents_transfers() {
  documents_selected || return 0
  local mib="${IRIS_BENCH_TRANSFER_MIB:-50}" runs="${IRIS_BENCH_TRANSFER_RUNS:-3}"
  local file="$tmp/transfer.bin" sha doc url out code speed got i up=() down=()
  head -c "$((mib * 1048576))" /dev/urandom >"$file"
  sha="$(sha256sum "$file" | cut -d' ' -f1)"
  [[ -n "${vars[TOKEN]:-}" ]] || credentials
  documents_org_insert
  vars[TOKEN]="$(api .access_token -H 'Content-Type: application/json' \
    -d "$(jq -cn --arg e "$IRIS_ADMIN_EMAIL" --arg p "$IRIS_ADMIN_PASSWORD" \
      '{email: $e, password: $p}')" "$base/v1/auth/token")"
  doc="$(api .id -H 'Content-Type: application/json' -H "Authorization: Bearer ${vars[TOKEN]}" \
    -d "$(jq -cn --arg o "$documents_org" \
      '{kind: "report", title: {en: "Bench transfers"}, countries: ["RS"], organization_ids: [$o]}')" \
    "$base/v1/documents")"
  api .number -H 'Content-Type: application/json' -H "Authorization: Bearer ${vars[TOKEN]}" \
    -d '{"change_note":"bench"}' "$base/v1/documents/$doc/versions" >/dev/null
  url="$base/v1/documents/$doc/versions/1/files/transfer.bin"
  documents_peak_start
  for ((i = 1; i <= runs; i++)); do
    out="$(curl -s --max-time 600 -T "$file" -H "Authorization: Bearer ${vars[TOKEN]}" \
      -H 'Content-Type: application/octet-stream' -o "$tmp/api.json" \
      -w '%{http_code} %{speed_upload}' "$url")" || documents_transfer_failed "upload $i" "$out"
    read -r code speed <<<"$out"
    [[ "$code" == 20[01] ]] || iris_die "upload $i: HTTP $code: $(head -c 500 "$tmp/api.json")"
    got="$(jq -r .sha256 "$tmp/api.json")"
    [[ "$got" == "$sha" ]] || iris_die "upload $i: the answer's sha256 $got is not the file's $sha"
    up+=("$(awk -v s="$speed" 'BEGIN { printf "%.1f", s / 1048576 }')")
  done
  documents_peak_end
  docs[up]="${up[*]}" docs[up_median]="$(median "${up[@]}")"
  docs[up_gateway]="$peak_gateway (from $before_gateway)"
  docs[up_documents]="$peak_documents (from $before_documents)"
  documents_peak_start
  for ((i = 1; i <= runs; i++)); do
    out="$(curl -s --max-time 600 -H "Authorization: Bearer ${vars[TOKEN]}" -o /dev/null \
      -w '%{http_code} %{speed_download} %{size_download}' "$url")" ||
      documents_transfer_failed "download $i" "$out"
    read -r code speed got <<<"$out"
    [[ "$code" == 200 && "$got" == "$((mib * 1048576))" ]] ||
      iris_die "download $i: HTTP $code, $got bytes"
    down+=("$(awk -v s="$speed" 'BEGIN { printf "%.1f", s / 1048576 }')")
  done
  documents_peak_end
  docs[down]="${down[*]}" docs[down_median]="$(median "${down[@]}")"
  docs[down_gateway]="$peak_gateway (from $before_gateway)"
  docs[down_documents]="$peak_documents (from $before_documents)"
  got="$(curl -s --max-time 600 -H "Authorization: Bearer ${vars[TOKEN]}" "$url" | sha256sum |
    cut -d' ' -f1)"
  [[ "$got" == "$sha" ]] || iris_die "the downloaded file's sha256 $got is not the uploaded $sha"
  docs[mib]="$mib" docs[runs]="$runs" docs[hwm]="$docs_hwm_reset"
  documents_pdf_upload "${url%/*}" "$doc"
  docs[rss_gateway]="$(rss_mb "${IRIS_PIDS[gateway]}")"
  docs[rss_documents]="$(rss_mb "${IRIS_PIDS[documents]}")"
  rm -f "$file"
  printf '(documents: %s MiB file; upload MiB/s %s; download MiB/s %s; peak RSS MB upload gateway %s documents %s, download gateway %s documents %s)\n\n' \
    "$mib" "${docs[up]}" "${docs[down]}" "${docs[up_gateway]}" "${docs[up_documents]}" \
    "${docs[down_gateway]}" "${docs[down_documents]}" >>"$raw"
  iris_log "documents: $mib MiB upload ${docs[up]} MiB/s, download ${docs[down]} MiB/s; peak RSS" \
    "gateway ${docs[up_gateway]}/${docs[down_gateway]} MB, documents" \
    "${docs[up_documents]}/${docs[down_documents]} MB (upload/download)"
}

# report_documents: RESULTS.md's table of the transfer part.
report_documents() {
  local how="VmHWM reset before each direction"
  [[ "${docs[hwm]:-1}" == 1 ]] || how="VmRSS sampled every 20 ms"
  echo "| ${docs[mib]:-50} MiB file through the gateway, ${docs[runs]:-3} runs | MiB/s (each run) | median MiB/s | gateway peak RSS MB (before) | documents peak RSS MB (before) |"
  echo "|---|---|---:|---:|---:|"
  if [[ -z "${docs[up]:-}" ]]; then
    echo "| not run | | | | |"
  else
    report_transfers "$how"
  fi
  echo
  if [[ -n "${docs[count]:-}" ]]; then
    echo "Search scenarios: ${docs[count]} published documents, ${docs[matches]} matching"
    echo "\`$documents_q_word\` (loaded and indexed in ${docs[load_s]} s)."
  else
    echo "Search scenarios: not run."
  fi
}
# report_transfers HOW: the two rows of the transfer table and how they were taken.
report_transfers() {
  echo "| upload (PUT, curl -T) | ${docs[up]} | **${docs[up_median]}** | ${docs[up_gateway]} | ${docs[up_documents]} |"
  echo "| download (GET, curl -o /dev/null) | ${docs[down]} | **${docs[down_median]}** | ${docs[down_gateway]} | ${docs[down_documents]} |"
  echo "| upload of a ${docs[pdf_bytes]}-byte PDF (one page of text over a random image; text extracted with poppler), once | ${docs[pdf]} | ${docs[pdf]} | ${docs[pdf_gateway]} | ${docs[pdf_documents]} |"
  echo
  echo "Peak RSS: $1 (in brackets: RSS when the direction began). RSS after the transfers and"
  echo "the check: gateway ${docs[rss_gateway]} MB, documents ${docs[rss_documents]} MB. The file is random bytes (application/octet-stream: no text"
  echo "extraction); each upload replaces the file of the same name in one version, each answer's"
  echo "SHA-256 is checked, and one more download is checked with sha256sum. The PDF's word was"
  echo "found by a search right after its upload: ${docs[pdf_found]}."
}
