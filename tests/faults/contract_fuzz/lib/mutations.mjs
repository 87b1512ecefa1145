// Mutations of a valid request: one field (body member, query, path or header parameter)
// replaced by an adversarial value, or the JSON text itself bent (duplicate keys, unknown
// fields, broken syntax, bytes that are not UTF-8, another Content-Type, over 1 MiB). Each
// records why the document requires the request to fail, when it does.
import { flatten, typesOf } from "./contract.mjs";
import { Raw, kDuplicates, serialize } from "./json_text.mjs";
import { kMaxBodyBytes, paramDefect } from "./requests.mjs";
import { adversarialText, adversarialValue } from "./values.mjs";

// Replaces one thing in `req` (a valid request) with something adversarial.
export function mutate(req, ctx) {
  const { rng } = ctx;
  const op = req.op;
  const kinds = [["header", 10]];
  if (op.body)
    kinds.push(["body field", 40], ["body text", 22], ["content type", 5], ["oversize", 1]);
  if (op.params.some((p) => p.in === "query")) kinds.push(["query", 14]);
  if (op.params.some((p) => p.in === "path")) kinds.push(["path", 8]);
  let roll = rng.below(kinds.reduce((n, [, w]) => n + w, 0));
  const kind = kinds.find(([, w]) => (roll -= w) < 0)[0];
  switch (kind) {
    case "body field":
      mutateBodyField(req, ctx);
      break;
    case "body text":
      mutateBodyText(req, ctx);
      break;
    case "content type":
      mutateContentType(req, rng);
      break;
    case "oversize":
      oversize(req, rng);
      break;
    case "query":
      mutateQuery(req, rng);
      break;
    case "path":
      mutatePath(req, rng);
      break;
    default:
      mutateHeader(req, ctx);
  }
  return req;
}

// Places in the body a value can go: [container, key, schema]. Objects offer every property
// their schema has (sent or not) and every key sent, arrays their elements.
function slots(value, schema, out, depth = 0) {
  const s = flatten(schema) ?? {};
  if (depth > 6 || value === null || typeof value !== "object" || value instanceof Raw) return out;
  if (Array.isArray(value)) {
    value.slice(0, 20).forEach((v, i) => {
      out.push([value, i, s.items ?? {}]);
      slots(v, s.items, out, depth + 1);
    });
    return out;
  }
  const props = s.properties ?? {};
  for (const [k, sub] of Object.entries(props)) out.push([value, k, sub]);
  for (const k of Object.keys(value)) {
    if (!(k in props))
      out.push([
        value,
        k,
        typeof s.additionalProperties === "object" ? s.additionalProperties : {},
      ]);
    slots(value[k], props[k] ?? s.additionalProperties, out, depth + 1);
  }
  return out;
}

function ensureBody(req) {
  if (req.body === undefined || req.body === null || typeof req.body !== "object") req.body = {};
  req.contentType ??= req.op.body.contentType;
}

function mutateBodyField(req, ctx) {
  ensureBody(req);
  const candidates = slots(req.body, req.op.body.schema, []);
  if (candidates.length === 0) return mutateBodyText(req, ctx);
  const [container, key, schema] = ctx.rng.pick(candidates);
  const { label, value } = adversarialValue(schema, ctx.rng);
  container[key] = value;
  req.mutation = `body ${typeof key === "number" ? `[${key}]` : key}: ${label}`;
}

const kUnknownKeys = [
  "zzz_unknown",
  "",
  "\u0000",
  "__proto__",
  "constructor",
  "a.b",
  "x[0]",
  "name ",
  "NAME",
  "id",
  "version",
  "created_at",
  "😀",
  "\ud800",
  "\u0000name",
];

function objectsIn(value, out = []) {
  if (value && typeof value === "object" && !(value instanceof Raw)) {
    if (!Array.isArray(value)) out.push(value);
    for (const v of Object.values(value).slice(0, 50)) objectsIn(v, out);
  }
  return out;
}

function mutateBodyText(req, ctx) {
  const { rng } = ctx;
  ensureBody(req);
  const trick = rng.below(9);
  if (trick <= 1) {
    // The same key twice, the second with another value; if the object is empty, any key.
    const target = rng.pick(objectsIn(req.body));
    const keys = Object.keys(target);
    const key = keys.length > 0 ? rng.pick(keys) : rng.pick(["name", "note", "email", "zzz"]);
    if (keys.length === 0) target[key] = "fuzz first";
    const second = rng.chance(0.5) ? `fuzz ${rng.word(5)}` : adversarialValue({}, rng).value;
    target[kDuplicates] = [[key, second]];
    req.mutation = `body: duplicate key "${key}"`;
  } else if (trick <= 3) {
    const target = rng.pick(objectsIn(req.body));
    const key = rng.pick(kUnknownKeys);
    const value = rng.pick([1, "x", null, {}, [], true]);
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    req.mutation = `body: unknown field ${JSON.stringify(key)}`;
  } else if (trick <= 5) {
    const { label, value } = rng.chance(0.3)
      ? { label: "1e400", value: new Raw("1e400", Infinity) }
      : adversarialValue({}, rng);
    req.body = value;
    req.mutation = `body (whole): ${label}`;
  } else {
    rawText(req, rng);
  }
}

// JSON text no value can produce: broken syntax, raw controls and bytes, a BOM. Each trick
// says why the document refuses it ("" when the text is still acceptable JSON).
function rawText(req, rng) {
  const text = serialize(req.body); // an object: "{...}"
  // JSON.stringify writes a lone surrogate as the escape \ud800.
  const withKey = (key) => `{${JSON.stringify(key)}:1${text === "{}" ? "" : ","}${text.slice(1)}`;
  const inString = (insert) => {
    const changed = text.replace(/"([^"\\]*)"(?=[,}\]])/, `"$1${insert}"`);
    return changed !== text
      ? changed
      : `{"fuzz${insert}":1${text === "{}" ? "" : ","}${text.slice(1)}`;
  };
  const tricks = [
    ["trailing comma", text.replace(/[}\]]$/, ",$&"), "not JSON"],
    ["single quotes", text === "{}" ? "{'a':1}" : text.replace(/"/g, "'"), "not JSON"],
    ["comment", `/* fuzz */${text}`, "not JSON"],
    ["truncated", text.slice(0, Math.max(1, Math.floor(text.length / 2))), "not JSON"],
    ["raw control in string", inString(String.fromCharCode(rng.int(1, 31))), "not JSON"],
    ["raw NUL in string", inString("\u0000"), "not JSON"],
    ["two documents", `${text} ${text}`, "not JSON"],
    ["deep nesting", "[".repeat(rng.pick([1000, 100000])), "not JSON"],
    ["empty", "", req.op.body.required ? "body required" : ""],
    ["blank", " \r\n\t", req.op.body.required ? "body required" : ""],
    ["BOM", `\ufeff${text}`, ""], // RFC 8259 §8.1 lets a parser ignore it
    ["escaped lone surrogate", withKey("\ud800"), "lone surrogate"],
  ];
  const [label, bodyText, why] = rng.pick(tricks);
  req.bodyText = Buffer.from(bodyText, "utf8");
  req.mutation = `body text: ${label}`;
  if (why) req.reject = `${why} (${label})`;
  if (bodyText.length > 2 && rng.chance(0.2)) {
    // bytes that are not UTF-8 at all
    const at = bodyText.indexOf('"') + 1 || 1;
    const bad = rng.pick([
      [0xff],
      [0xc3, 0x28],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
    ]);
    req.bodyText = Buffer.concat([
      req.bodyText.subarray(0, at),
      Buffer.from(bad),
      req.bodyText.subarray(at),
    ]);
    req.mutation += " + invalid UTF-8";
    req.reject = "body is not UTF-8";
  }
}

function mutateContentType(req, rng) {
  ensureBody(req);
  const type = rng.pick([
    undefined,
    "text/plain",
    "application/x-www-form-urlencoded",
    "",
    "multipart/form-data; boundary=x",
    "application/xml",
    "application/jsonx",
    "*/*",
    "APPLICATION/JSON",
    "application/json; charset=utf-8",
    "application/merge-patch+json",
  ]);
  req.contentType = type;
  req.mutation = `Content-Type: ${type === undefined ? "(none)" : JSON.stringify(type)}`;
}

function oversize(req, rng) {
  ensureBody(req);
  const strings = slots(req.body, req.op.body.schema, []).filter(([, , s]) =>
    typesOf(s).includes("string"),
  );
  const [container, key] = strings.length > 0 ? rng.pick(strings) : [req.body, "padding"];
  container[key] = "x".repeat(kMaxBodyBytes + rng.int(1, 200000));
  req.mutation = `body ${key}: over 1 MiB`;
}

function mutateQuery(req, rng) {
  const params = req.op.params.filter((p) => p.in === "query");
  const p = rng.chance(0.9)
    ? rng.pick(params)
    : { name: rng.pick(["zzz", "", "limit[]", "\u0000"]) };
  req.query = req.query.filter(([n]) => n !== p.name);
  const { label, value } = adversarialText(rng);
  req.query.push([p.name, value]);
  if (rng.chance(0.15)) req.query.push([p.name, rng.pick(["1", "200", "x"])]); // twice
  req.mutation = `query ${p.name}: ${label}`;
  if (p.schema) req.reject ||= paramDefect(p, value);
}

function mutatePath(req, rng) {
  const names = Object.keys(req.pathParams);
  const name = rng.pick(names);
  const { label, value } = rng.chance(0.2)
    ? { label: "unknown id", value: rng.uuid() }
    : adversarialText(rng);
  // An empty segment would ask for another path ("/v1/organizations/"), not this operation.
  req.pathParams[name] = value === "" ? "-" : value;
  req.mutation = `path ${name}: ${label}`;
}

function mutateHeader(req, ctx) {
  const { rng } = ctx;
  const documented = req.op.params.filter((p) => p.in === "header").map((p) => p.name);
  const name = rng.pick([
    ...documented,
    "Authorization",
    "Authorization",
    "If-None-Match",
    "Accept",
  ]);
  let value;
  let label;
  if (name === "Authorization") {
    const token = ctx.tokens?.admin ?? "Bearer x.y.z";
    [label, value] = rng.pick([
      ["no credential", "Bearer"],
      ["garbage token", "Bearer x.y.z"],
      // A character inside the signature: the last one also holds padding bits.
      [
        "tampered token",
        `${token.slice(0, -10)}${token.at(-10) === "A" ? "B" : "A"}${token.slice(-9)}`,
      ],
      ["unknown key", `ApiKey iris_${rng.word(8)}_${rng.word(32)}`],
      ["unknown scheme", "Basic YTpi"],
      ["lower-case scheme", token.replace(/^Bearer/, "bearer")],
      ["long token", `Bearer ${"A".repeat(4000)}`],
    ]);
  } else if (/^if-/i.test(name) && rng.chance(0.6)) {
    [label, value] = rng.pick([
      ["entity tag edge", '"0"'],
      ["entity tag edge", '"-1"'],
      ["entity tag edge", '"9223372036854775808"'],
      ["entity tag edge", "W/"],
      ["entity tag edge", '"1", "2"'],
      ["entity tag edge", '*, "1"'],
      ["entity tag edge", "abc"],
      ["entity tag edge", '"1'],
      ["any", "*"],
    ]);
  } else {
    ({ label, value } = adversarialText(rng));
  }
  // HTTP carries header values as visible ASCII and Latin-1 only: anything else would not
  // be sent at all (node refuses it), so other characters become their UTF-8 bytes.
  value = Buffer.from(value, "utf8")
    .toString("latin1")
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, "?");
  if (name === "Authorization") {
    req.authOverride = value;
    req.authValid = label === "lower-case scheme"; // schemes are case-insensitive (RFC 9110)
  } else {
    req.headers[name] = value;
  }
  req.mutation = `header ${name}: ${label}`;
}
