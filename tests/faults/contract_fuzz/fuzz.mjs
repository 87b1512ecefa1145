// The contract fuzzer (issue 11): for every operation of docs/openapi.yaml, valid requests built
// from its schemas, then each field replaced by adversarial values, sent as anonymous, as a
// member and as the admin; every answer checked against the document (lib/checks.mjs). Prints
// `seed=N` first; exits 0 only when nothing failed and the gateway still answers /healthz.
//
// Settings (environment, or --name=value with the part after IRIS_CONTRACT_FUZZ_ in lower
// case with dashes, e.g. --base-url=http://127.0.0.1:8080):
//   IRIS_CONTRACT_FUZZ_BASE_URL       the gateway (required)
//   IRIS_CONTRACT_FUZZ_ADMIN_TOKEN    a network admin's access token ("Bearer ..." or bare)
//   IRIS_CONTRACT_FUZZ_MEMBER_TOKEN   a member's access token
//   IRIS_CONTRACT_FUZZ_MEMBER_ORG     that member's organization id
//   IRIS_CONTRACT_FUZZ_MEMBER_EMAIL, _MEMBER_PASSWORD  the member's sign-in (optional: valid
//                                     POST /v1/auth/token requests)
//   IRIS_CONTRACT_FUZZ_SEED           (random when absent)
//   IRIS_CONTRACT_FUZZ_REQUESTS       stop after this many requests (default 3000)
//   IRIS_CONTRACT_FUZZ_SECONDS        or after this long (default 45; 0: no limit)
//   IRIS_CONTRACT_FUZZ_TIMEOUT_MS     each answer's limit (default 2000, issue 11's bound; the
//                                     summary names the slowest answer of the run)
//   IRIS_CONTRACT_FUZZ_CONCURRENCY    requests in flight (default 4; 1 replays a seed exactly
//                                     as far as the server's state allows)
//   IRIS_CONTRACT_FUZZ_MAX_FAILURES   stop after this many (operation, check) failure groups
//                                     (default 150)
//   IRIS_CONTRACT_FUZZ_SPEC           the document (default docs/openapi.yaml of this tree)
//   IRIS_CONTRACT_FUZZ_SIGN_IN_ADDRESS  local address for POST /v1/auth/token (default: a
//                                     127.x.y.z of the seed against a loopback gateway; ""
//                                     for none)
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Contract } from "./lib/contract.mjs";
import { Client } from "./lib/http.mjs";
import { Pool } from "./lib/pool.mjs";
import { Rng, freshSeed, workerRng } from "./lib/random.mjs";
import { Report } from "./lib/report.mjs";
import { mutate } from "./lib/mutations.mjs";
import { buildValid } from "./lib/requests.mjs";
import { Session } from "./lib/session.mjs";

function settings() {
  const flags = new Map();
  for (const arg of process.argv.slice(2)) {
    const m = /^--([a-z-]+)=(.*)$/s.exec(arg);
    if (!m) {
      console.error(
        `usage: node fuzz.mjs [--name=value ...] (see the head of fuzz.mjs); got ${arg}`,
      );
      process.exit(2);
    }
    flags.set(m[1], m[2]);
  }
  const get = (name, fallback) => {
    const flag = flags.get(name.toLowerCase().replace(/_/g, "-"));
    const env = process.env[`IRIS_CONTRACT_FUZZ_${name}`];
    return flag ?? (env !== undefined && env !== "" ? env : fallback);
  };
  const number = (name, fallback) => {
    const v = Number(get(name, fallback));
    if (!Number.isFinite(v) || v < 0) {
      console.error(`IRIS_CONTRACT_FUZZ_${name} must be a number >= 0`);
      process.exit(2);
    }
    return v;
  };
  const base = get("BASE_URL");
  if (!base) {
    console.error("IRIS_CONTRACT_FUZZ_BASE_URL (or --base-url) is required");
    process.exit(2);
  }
  const loopback = /^(127\.|localhost$)/.test(new URL(base).hostname);
  const email = get("MEMBER_EMAIL");
  const seed = number("SEED", freshSeed()) >>> 0;
  // Failed sign-ins are limited per client address: the fuzzer's own loopback address (one per
  // seed) keeps other clients of 127.0.0.1, and its next runs, out of the window they open.
  const ownAddress = `127.${1 + (seed % 254)}.${(seed >>> 8) % 256}.${2 + ((seed >>> 16) % 250)}`;
  return {
    base,
    seed,
    requests: number("REQUESTS", 3000),
    seconds: number("SECONDS", 45),
    timeoutMs: number("TIMEOUT_MS", 2000),
    concurrency: Math.max(1, number("CONCURRENCY", 4)),
    maxFailures: Math.max(1, number("MAX_FAILURES", 150)),
    spec: get("SPEC", fileURLToPath(new URL("../../../docs/openapi.yaml", import.meta.url))),
    signInAddress: get("SIGN_IN_ADDRESS", loopback ? ownAddress : ""),
    admin: get("ADMIN_TOKEN"),
    member: get("MEMBER_TOKEN"),
    memberOrg: get("MEMBER_ORG"),
    credentials: email ? { email, password: get("MEMBER_PASSWORD", "") } : undefined,
  };
}

// Anonymous calls to an operation that needs credentials all end at the same 401: after the
// first rounds they get one request in ten, the signed-in roles the rest.
function pickRole(op, roles, rng) {
  if (op.public || roles.length === 1 || rng.chance(0.1)) return rng.pick(roles);
  return rng.pick(roles.filter((r) => r !== "anonymous"));
}

// One worker: every operation in its own shuffled order, again and again; the first three
// rounds valid (as each role in turn), then three in four requests mutated.
async function worker(index, cfg, session, stop) {
  const rng = workerRng(cfg.seed, index);
  const ctx = session.context(rng);
  for (let round = 0; !stop(); round++) {
    const order = rng.shuffle([...session.contract.operations]);
    for (let i = 0; i < order.length && !stop(); i++) {
      const op = order[i];
      const roles = session.roles;
      const role = round < 3 ? roles[(round + index + i) % roles.length] : pickRole(op, roles, rng);
      const req = buildValid(op, role, ctx);
      if (round >= 3 && rng.chance(0.75)) mutate(req, ctx);
      await session.exchange(req, `worker ${index} round ${round}`, rng);
    }
  }
}

async function main() {
  const cfg = settings();
  console.log(`seed=${cfg.seed}`);
  const contract = await Contract.load(cfg.spec);
  const client = new Client(cfg.base, {
    timeoutMs: cfg.timeoutMs,
    connections: cfg.concurrency + 2,
  });
  const report = new Report({ seed: cfg.seed, maxGroups: cfg.maxFailures });
  const session = new Session({ cfg, contract, client, report, pool: new Pool() });
  console.log(
    `contract: ${contract.operations.length} operations from ${cfg.spec}; ` +
      `budget ${cfg.requests} requests or ${cfg.seconds || "unlimited"} s, ${cfg.concurrency} in flight`,
  );
  await session.prepare(new Rng(cfg.seed));

  // How long node's own loop was held up (validators compiled on first use, collections): a
  // client that stalls cannot time the server, so the summary says how much it did.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = Date.now();
  const stop = () =>
    report.sent >= cfg.requests ||
    (cfg.seconds > 0 && Date.now() - started >= cfg.seconds * 1000) ||
    report.full;
  const progress = setInterval(() => {
    const s = (Date.now() - started) / 1000;
    console.log(
      `... ${report.sent} requests in ${s.toFixed(0)} s, ${report.groups.size} distinct failures`,
    );
  }, 15000);
  await Promise.all(
    Array.from({ length: cfg.concurrency }, (_, i) => worker(i, cfg, session, stop)),
  );
  clearInterval(progress);
  const seconds = (Date.now() - started) / 1000;

  const alive = await client.send({ method: "GET", path: "/healthz", headers: {} });
  client.close();
  loop.disable();
  console.log(report.summary());
  console.log(`the fuzzer's event loop: longest hold-up ${(loop.max / 1e6).toFixed(0)} ms`);
  console.log(
    `${report.sent} requests in ${seconds.toFixed(1)} s (${(report.sent / seconds).toFixed(0)}/s)`,
  );
  const serving = !alive.error && alive.status === 200;
  if (!serving)
    console.log(`FAIL the gateway stopped serving: GET /healthz -> ${alive.error ?? alive.status}`);
  const ok = serving && report.groups.size === 0;
  console.log(
    ok
      ? "contract fuzz: passed"
      : `contract fuzz: FAILED (replay: IRIS_CONTRACT_FUZZ_SEED=${cfg.seed})`,
  );
  process.exitCode = ok ? 0 : 1;
}

// A defect of the fuzzer itself ends the run at once, loudly (the workers would wait forever).
main().catch((e) => {
  console.error(`contract fuzz: the fuzzer failed: ${e.stack ?? e}`);
  process.exit(2);
});
