// Runs the commands of a Markdown page as its reader would: every ```bash block, in order, in
// one bash shell (a variable set in one block is there in the next), with `set -euo pipefail`.
// Each curl must come after a comment line `# → NNN` (the HTTP status the page promises); it
// fails when it answers another status or curl itself fails, and each such curl must run at
// least once. Usage: node doc_commands.mjs PAGE.md (in the directory the commands run in; their
// settings, e.g. BASE, come from the environment). Exit status 0: every command did as written.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const page = process.argv[2];
if (!page) {
  console.error("usage: node doc_commands.mjs PAGE.md");
  process.exit(2);
}
const name = path.basename(page);
const lines = fs.readFileSync(page, "utf8").split("\n");

const kExpect = /^\s*#\s*→\s*(\d{3})\b/;
// `curl` as a command word: at the start, or after a space, `(`, `|`, `;`, `&` or a backtick.
const kCurl = /(^|[\s(|;&`])curl(?=\s)/;

// The script keeps the page's line numbers (lines outside the blocks are blank), so bash's
// trace and errors name lines of the page. Each expected curl becomes `iris_curl STATUS LINE`.
const problems = [];
const sites = [];
let inBlock = false;
let blocks = 0;
let expected = null;
const script = lines.map((line, i) => {
  const n = i + 1;
  if (!inBlock) {
    inBlock = /^```bash\s*$/.test(line);
    if (inBlock) blocks++;
    return "";
  }
  if (/^```\s*$/.test(line)) {
    inBlock = false;
    if (expected) problems.push(`${name}:${expected.line}: "# → ${expected.status}" but no curl follows it in its block`);
    expected = null;
    return "";
  }
  const want = kExpect.exec(line);
  if (want) {
    if (expected) problems.push(`${name}:${expected.line}: "# → ${expected.status}" but no curl follows it`);
    expected = { status: want[1], line: n };
    return line;
  }
  if (kCurl.test(line)) {
    if (!expected) {
      problems.push(`${name}:${n}: a curl without a "# → NNN" line before it`);
      return line;
    }
    sites.push(String(n));
    const rewritten = line.replace(kCurl, `$1iris_curl ${expected.status} ${n}`);
    expected = null;
    return rewritten;
  }
  return line;
});
if (inBlock) problems.push(`${name}: a \`\`\`bash block is not closed`);
if (blocks === 0) problems.push(`${name}: no \`\`\`bash block`);
if (problems.length > 0) {
  for (const p of problems) console.error(`doc: ${p}`);
  process.exit(1);
}

// What a curl answered is read from curl's own report (-w, to stderr), so its output reaches
// the reader's pipe (jq, a variable) untouched. The pages use no -w of their own.
const prelude = String.raw`
set -euo pipefail
PS4='+ ${name}:$LINENO: '
iris_curl() {
  local -  # the trace shows the page's commands, not this function's lines
  set +x
  local want="$1" line="$2" err status rc=0
  shift 2
  err="$(mktemp)"
  command curl "$@" -w '%{stderr}%{http_code}' 2>"$err" || rc=$?
  status="$(tail -c 3 "$err")"
  head -c -3 "$err" >&2
  rm -f "$err"
  printf '%s\n' "$line" >>"$IRIS_DOC_RAN"
  if [[ "$status" != "$want" ]]; then
    printf '%s:%s: curl answered %s, the page says %s\n' "${name}" "$line" "$status" "$want" >&2
    printf '%s\n' "$line" >>"$IRIS_DOC_FAILED"
    return 1
  fi
  if ((rc != 0)); then
    printf '%s:%s: curl failed (exit status %s)\n' "${name}" "$line" "$rc" >&2
    printf '%s\n' "$line" >>"$IRIS_DOC_FAILED"
  fi
  return "$rc"
}
curl() {
  echo "${name}: a curl without an expected status ran" >&2
  return 1
}
trap 'echo "${name}:$LINENO: a command failed (status $?)" >&2' ERR
set -x
`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "iris-doc-"));
const files = {
  prelude: path.join(work, "prelude.sh"),
  script: path.join(work, name),
  ran: path.join(work, "ran"),
  failed: path.join(work, "failed"),
};
fs.writeFileSync(files.prelude, prelude);
fs.writeFileSync(files.script, script.join("\n") + "\n");
fs.writeFileSync(files.ran, "");
fs.writeFileSync(files.failed, "");

const run = spawnSync("bash", ["-c", 'source "$1"; source "$2"', "bash", files.prelude, files.script], {
  stdio: "inherit",
  env: { ...process.env, IRIS_DOC_RAN: files.ran, IRIS_DOC_FAILED: files.failed },
});
const ran = new Set(fs.readFileSync(files.ran, "utf8").split("\n").filter(Boolean));
const failed = fs.readFileSync(files.failed, "utf8").split("\n").filter(Boolean);
fs.rmSync(work, { recursive: true, force: true });

const notRun = sites.filter((s) => !ran.has(s));
let ok = run.status === 0 && failed.length === 0 && notRun.length === 0;
if (run.status !== 0) console.error(`doc: the commands of ${name} stopped with status ${run.status ?? run.signal}`);
for (const line of new Set(failed)) console.error(`doc: ${name}:${line}: the curl did not answer as the page says`);
for (const line of notRun) console.error(`doc: ${name}:${line}: this curl never ran`);
console.log(
  `doc: ${name}: ${blocks} blocks, ${sites.length} curl commands ` +
    (ok ? "answered as the page says" : "did NOT all answer as the page says"),
);
process.exit(ok ? 0 : 1);
