// A partner's webhook receiver for the e2e tests: listens on 127.0.0.1 (a free port, written
// to --port-file), verifies every request with the standardwebhooks library (not our own
// code) against each secret in --secrets (one per line, reread per request: the test writes
// it after creating or rotating an endpoint) and appends one JSON line per request to --log.
// The path says how to answer: /fail/<n>/... answers 500 to the first n requests of each message
// (counted per path and webhook-id: other suites' organisations reach the same endpoint, and
// counted per path alone they used up a message's failures), /gone 410, anything else 200.
//   node receiver.mjs --port-file F --secrets S --log L
import { createServer } from "node:http";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const args = {};
for (let i = 2; i + 1 < process.argv.length; i += 2) args[process.argv[i].slice(2)] = process.argv[i + 1];
for (const need of ["port-file", "secrets", "log"]) {
  if (!args[need]) {
    console.error(`usage: node receiver.mjs --port-file F --secrets S --log L (missing --${need})`);
    process.exit(2);
  }
}

const seen = new Map(); // path and webhook-id -> requests so far
function secrets() {
  try {
    return readFileSync(args.secrets, "utf8").split("\n").map((s) => s.trim()).filter(Boolean);
  } catch {
    return [];
  }
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const key = `${req.url} ${req.headers["webhook-id"] ?? ""}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    let status = 200;
    const fail = /^\/fail\/(\d+)\//.exec(req.url);
    if (fail && n <= Number(fail[1])) status = 500;
    if (req.url.startsWith("/gone")) status = 410;
    const headers = {
      "webhook-id": req.headers["webhook-id"] ?? "",
      "webhook-timestamp": req.headers["webhook-timestamp"] ?? "",
      "webhook-signature": req.headers["webhook-signature"] ?? "",
    };
    // One verdict per secret: during a rotation both must verify.
    const verified = secrets().map((secret) => {
      try {
        new Webhook(secret).verify(body, headers);
        return true;
      } catch {
        return false;
      }
    });
    const line = {
      method: req.method,
      path: req.url,
      content_type: req.headers["content-type"] ?? "",
      headers,
      body,
      verified,
      answered: status,
    };
    appendFileSync(args.log, JSON.stringify(line) + "\n");
    res.writeHead(status, { "content-type": "text/plain" });
    res.end(status === 200 ? "ok" : "no");
  });
});

server.listen(0, "127.0.0.1", () => {
  writeFileSync(args["port-file"] + ".tmp", String(server.address().port));
  // Renamed into place so the test never reads a half-written port.
  import("node:fs").then((fs) => fs.renameSync(args["port-file"] + ".tmp", args["port-file"]));
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
