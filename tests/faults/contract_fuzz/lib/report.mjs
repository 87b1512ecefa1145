// What a run tells a person: each distinct defect once (operation + kind of check), with one
// request that shows it as curl-like text, and counts per operation and per status.

const kShown = 900;

// Long runs of one character shortened ("<300000 × x>") and bytes that are not printable
// shown as \xNN, so a request with a megabyte string or raw controls still reads on a screen.
export function printable(bytes, max = kShown) {
  let text = bytes.toString("utf8");
  const broken = !Buffer.from(text, "utf8").equals(bytes); // not UTF-8: show bytes instead
  if (broken) text = bytes.toString("latin1");
  text = text.replace(/(.)\1{19,}/gsu, (run, c) => `<${[...run].length} × ${JSON.stringify(c)}>`);
  text = text.replace(
    /([\s\S]{1,8})\1{9,}/g,
    (run, unit) => `<${run.length / unit.length} × ${JSON.stringify(unit)}>`,
  );
  text = text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
  if (broken) text = text.replace(/[\u0080-\u00ff]/g, (c) => `\\x${c.charCodeAt(0).toString(16)}`);
  return text.length > max ? `${text.slice(0, max)}... (${bytes.length} bytes)` : text;
}

function shellQuote(s) {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

export function curlText(exchange) {
  const lines = [`curl -sS -X ${exchange.method} ${shellQuote(exchange.url)}`];
  for (const [name, value] of Object.entries(exchange.shownHeaders)) {
    lines.push(
      `  -H ${shellQuote(`${name}: ${printable(Buffer.from(String(value), "latin1"), 200)}`)}`,
    );
  }
  if (exchange.body) lines.push(`  --data-binary ${shellQuote(printable(exchange.body))}`);
  return lines.join(" \\\n");
}

function answerText(ans) {
  if (ans.error)
    return `(no answer: ${ans.error}, after ${ans.ms} ms${ans.detail ? `; ${ans.detail}` : ""})`;
  const type = ans.headers["content-type"] ?? "(no Content-Type)";
  const id = ans.headers["x-request-id"] ?? "(no X-Request-Id)";
  return `${ans.status} ${type}, X-Request-Id ${id}, ${ans.ms} ms\n${printable(ans.body, 600)}`;
}

// Failures are grouped by operation and check ("createPerson: server error: 500"); the first
// group of a check prints a full example, later operations with the same check one line each,
// so a defect shared by every operation reads once.
export class Report {
  constructor({ seed, maxGroups }) {
    this.seed = seed;
    this.maxGroups = maxGroups;
    this.groups = new Map(); // "operation: check" -> { count }
    this.kinds = new Map(); // check -> { operations: Map(operation -> count) }
    this.byOperation = new Map(); // operation id -> Map(status -> count)
    this.byStatus = new Map();
    this.sent = 0;
    this.unsendable = 0;
    this.slowest = { ms: -1 }; // the slowest answer (or give-up), for the summary
  }

  get full() {
    return this.groups.size >= this.maxGroups;
  }

  count(op, ans) {
    this.sent++;
    if (ans.ms > this.slowest.ms) this.slowest = { ms: ans.ms, op: op.id, status: ans.status };
    const status = ans.error ? "none" : String(ans.status);
    if (!this.byOperation.has(op.id)) this.byOperation.set(op.id, new Map());
    const m = this.byOperation.get(op.id);
    m.set(status, (m.get(status) ?? 0) + 1);
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  // Records failures of one exchange; prints the first of each group as it happens.
  fail(failures, exchange, ans, where) {
    const op = exchange.op.id;
    for (const f of failures) {
      const key = `${op}: ${f.key}`;
      const group = this.groups.get(key);
      if (group) {
        group.count++;
        this.kinds.get(f.key).operations.set(op, group.count);
        continue;
      }
      if (this.full) continue;
      this.groups.set(key, { count: 1 });
      const kind = this.kinds.get(f.key);
      const path = `${exchange.method} ${exchange.url.replace(/^https?:\/\/[^/]+/, "")}`;
      const also =
        `as ${exchange.role}, ${exchange.mutation}` +
        (exchange.reject ? ` (must fail: ${exchange.reject})` : "");
      if (kind) {
        kind.operations.set(op, 1);
        console.log(
          `FAIL ${key}\n  ${f.detail}; ${printable(Buffer.from(path), 160)} ${also} -> ` +
            `${ans.status ?? ans.error}\n`,
        );
        continue;
      }
      this.kinds.set(f.key, { operations: new Map([[op, 1]]) });
      console.log(
        [
          `FAIL ${key}`,
          `  ${f.detail}`,
          `  seed=${this.seed} ${where}, ${also}`,
          curlText(exchange).replace(/^/gm, "  "),
          `  -> ${answerText(ans).replace(/\n/g, "\n     ")}`,
          "",
        ].join("\n"),
      );
    }
  }

  summary() {
    const lines = [
      "",
      `requests: ${this.sent} sent (seed=${this.seed})` +
        (this.unsendable ? `, ${this.unsendable} not sendable by node (skipped)` : ""),
      `slowest answer: ${this.slowest.ms} ms (${this.slowest.op}, ${this.slowest.status ?? "none"})`,
    ];
    lines.push("per operation (status:count):");
    const ops = [...this.byOperation.keys()].sort();
    const width = Math.max(...ops.map((o) => o.length), 10);
    for (const op of ops) {
      const m = this.byOperation.get(op);
      const total = [...m.values()].reduce((a, b) => a + b, 0);
      const statuses = [...m.entries()]
        .sort()
        .map(([s, n]) => `${s}:${n}`)
        .join(" ");
      lines.push(`  ${op.padEnd(width)} ${String(total).padStart(6)}  ${statuses}`);
    }
    lines.push(
      `per status: ${[...this.byStatus.entries()]
        .sort()
        .map(([s, n]) => `${s}:${n}`)
        .join(" ")}`,
    );
    if (this.groups.size === 0) {
      lines.push("failures: none");
      return lines.join("\n");
    }
    lines.push(
      `failures: ${this.kinds.size} distinct checks failed, in ${this.groups.size} ` +
        "(operation, check) groups" +
        (this.full ? `; stopped at the limit of ${this.maxGroups}` : "") +
        "; each check's first example is printed above",
    );
    for (const [kind, { operations }] of [...this.kinds.entries()].sort()) {
      const total = [...operations.values()].reduce((a, b) => a + b, 0);
      const list = [...operations.entries()]
        .sort()
        .map(([o, n]) => `${o} x${n}`)
        .join(", ");
      lines.push(`  ${kind}  (${total} answers, ${operations.size} operations: ${list})`);
    }
    return lines.join("\n");
  }
}
