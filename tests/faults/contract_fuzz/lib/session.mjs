// State a run shares across its workers: who signs in how, the reference lists and real
// resources seen so far, list cursors; and one exchange: a request put on the wire, its answer
// checked, counted and learnt from.
import { checkAnswer } from "./checks.mjs";
import { percentEncode, sentFields, serialize } from "./json_text.mjs";
import { collectionOf } from "./pool.mjs";
import { judgeBody } from "./requests.mjs";

// Lists read before the run: what the reference vocabulary and the first path parameters
// come from.
const kWarmUp = [
  ["/v1/countries", "countries"],
  ["/v1/target-groups", "targetGroups"],
  ["/v1/languages", "languages"],
  ["/v1/service-categories", "categories"],
  ["/v1/organizations", undefined, [["limit", "200"]]],
  ["/v1/services", undefined, [["limit", "200"]]],
  ["/v1/membership-applications", undefined, [["limit", "200"]]],
  ["/v1/api-keys"],
];

function bearer(token) {
  if (!token) return undefined;
  return /\s/.test(token.trim()) ? token.trim() : `Bearer ${token.trim()}`;
}

// When a JWT stops being accepted (its exp claim), or never if it is not one.
function expiresAt(authorization) {
  try {
    const payload = authorization.split(" ")[1].split(".")[1];
    return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")).exp * 1000;
  } catch {
    return Infinity;
  }
}

// Dots too: "." and ".." in a path are dot-segments a server may resolve to another route.
function encodePathParam(value) {
  return percentEncode(String(value)).replace(/\./g, "%2E");
}

// The request target: path parameters and the query percent-encoded.
function wirePath(req) {
  const path = req.op.path.replace(/\{([a-z_]+)\}/g, (_, n) =>
    encodePathParam(req.pathParams[n] ?? ""),
  );
  if (req.query.length === 0) return path;
  const pairs = req.query.map(([k, v]) => `${percentEncode(k)}=${percentEncode(String(v))}`);
  return `${path}?${pairs.join("&")}`;
}

export class Session {
  constructor({ cfg, contract, client, report, pool }) {
    this.cfg = cfg;
    this.contract = contract;
    this.client = client;
    this.report = report;
    this.pool = pool;
    this.tokens = { admin: bearer(cfg.admin), member: bearer(cfg.member) };
    this.apiKeys = {};
    this.vocabulary = {};
    this.cursors = new Map(); // path template -> next_cursor values seen
    this.roles = ["anonymous", ...["member", "admin"].filter((r) => this.tokens[r])];
  }

  context(rng) {
    return {
      rng,
      contract: this.contract,
      pool: this.pool,
      vocabulary: this.vocabulary,
      cursors: this.cursors,
      tokens: this.tokens,
      memberOrg: this.cfg.memberOrg,
      credentials: this.cfg.credentials,
      roles: this.roles,
    };
  }

  // Reference lists, the first resources, and an API key per role: tokens expire (15 minutes
  // by default) and a long run goes on with the keys.
  async prepare(rng) {
    const role = this.tokens.admin ? "admin" : "anonymous";
    const get = (path) =>
      this.contract.operations.find((o) => o.path === path && o.method === "GET");
    for (const [path, vocabulary, query = []] of kWarmUp) {
      const op = get(path);
      if (!op) continue;
      const { body } = await this.exchange(this.plain(op, role, { query }), "warm-up", rng);
      if (vocabulary && Array.isArray(body?.items)) {
        this.vocabulary[vocabulary] = body.items
          .map((i) => i.code)
          .filter((c) => typeof c === "string");
      }
    }
    const people = get("/v1/organizations/{id}/people");
    if (people && this.cfg.memberOrg && this.tokens.member) {
      await this.exchange(
        this.plain(people, "member", { pathParams: { id: this.cfg.memberOrg } }),
        "warm-up",
        rng,
      );
    }
    this.pool.protect(this.cfg.memberOrg);
    const createKey = this.contract.operations.find(
      (o) => o.path === "/v1/api-keys" && o.method === "POST",
    );
    for (const r of ["admin", "member"]) {
      if (!this.tokens[r] || !createKey) continue;
      const req = this.plain(createKey, r, {});
      req.body = { name: `contract fuzz ${r}`, scopes: ["read", "write"] };
      req.contentType = "application/json";
      const { body } = await this.exchange(req, "warm-up", rng);
      if (typeof body?.key === "string") {
        this.apiKeys[r] = `ApiKey ${body.key}`;
        this.pool.protect(body.id);
      }
    }
    const seen = [...this.pool.items].map(([c, m]) => `${c} ${m.size}`).join(", ");
    console.log(
      `warm-up: ${seen || "no resources"}; API keys for ${Object.keys(this.apiKeys).join(", ") || "nobody"}`,
    );
  }

  plain(op, role, { pathParams = {}, query = [] }) {
    return { op, role, pathParams, query, headers: {}, mutation: "warm-up", reject: "" };
  }

  authorization(role, rng) {
    if (role === "anonymous") return undefined;
    const token = this.tokens[role];
    const key = this.apiKeys[role];
    const fresh = token && expiresAt(token) - Date.now() > 60000;
    if (key && (!fresh || rng.chance(0.2))) return key;
    return token;
  }

  // Sends `req`, checks the answer, learns ids and cursors from it; returns the parsed body
  // of a 2xx JSON answer.
  async exchange(req, where, rng) {
    const op = req.op;
    const path = wirePath(req);
    const headers = { ...req.headers };
    const shownHeaders = { ...req.headers };
    const auth = req.authOverride ?? this.authorization(req.role, rng);
    if (req.authOverride === undefined) req.authValid = auth !== undefined;
    if (auth !== undefined) {
      headers.Authorization = auth;
      // Credentials stay out of reports: what they were is enough to replay.
      shownHeaders.Authorization =
        auth.length > 60
          ? `<${req.role} ${auth.split(" ")[0]} credential${req.authOverride ? ", altered" : ""}>`
          : auth;
    }
    if (req.contentType !== undefined)
      headers["Content-Type"] = shownHeaders["Content-Type"] = req.contentType;
    judgeBody(req, this.contract); // text tricks were judged as they were made
    const body =
      req.bodyText ??
      (req.body !== undefined ? Buffer.from(serialize(req.body), "utf8") : undefined);
    req.sentFields = req.body !== undefined ? sentFields(req.body) : new Set();
    req.sentHeaders = headers;
    const localAddress = op.path === "/v1/auth/token" ? this.cfg.signInAddress : undefined;
    const ans = await this.client.send({ method: op.method, path, headers, body, localAddress });
    if (ans.unsendable) {
      this.report.unsendable++;
      return {};
    }
    this.report.count(op, ans);
    const exchange = {
      op,
      role: req.role,
      mutation: req.mutation,
      reject: req.reject,
      method: op.method,
      url: `${this.cfg.base}${path}`,
      shownHeaders,
      body,
    };
    const failures = checkAnswer(this.contract, req, ans, this.cfg.timeoutMs);
    if (failures.length > 0) this.report.fail(failures, exchange, ans, where);
    return { body: this.learn(req, ans) };
  }

  learn(req, ans) {
    if (ans.error || ans.status < 200 || ans.status >= 300) return undefined;
    const collection = collectionOf(req.op.path);
    if (req.op.method === "DELETE") {
      const ids = Object.values(req.pathParams);
      if (collection && ids.length > 0) this.pool.remove(collection, ids.at(-1));
      return undefined;
    }
    let body;
    try {
      body = JSON.parse(ans.body.toString("utf8"));
    } catch {
      return undefined;
    }
    this.pool.harvest(req.op.path, body);
    if (typeof body?.next_cursor === "string") {
      const list = this.cursors.get(req.op.path) ?? [];
      if (list.length < 20) list.push(body.next_cursor);
      this.cursors.set(req.op.path, list);
    }
    return body;
  }
}
