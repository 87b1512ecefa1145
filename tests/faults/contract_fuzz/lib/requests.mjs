// Requests for one operation: a valid one built from its parameters and body schema (see
// mutations.mjs for the adversarial ones), and the judgement of a request against the document:
// why, if at all, it must fail (`reject`), for the check that no invalid input succeeds.
import { flatten, typesOf } from "./contract.mjs";
import { asParsed, hasLoneSurrogate, serialize, textDefect } from "./json_text.mjs";
import { collectionOf } from "./pool.mjs";
import { validValue } from "./values.mjs";

export const kMaxBodyBytes = 1 << 20; // the gateway's default limit (413 above it)

// Paths whose POST retires or changes the state of the resource named before it.
const kVerbPath = /\/\{[a-z_]+\}\/[a-z]+$/;

function pathParamNames(template) {
  return [...template.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]);
}

// The collection each path parameter names: the segment before it.
function paramCollections(template) {
  const out = {};
  const parts = template.split("/");
  parts.forEach((p, i) => {
    const m = /^\{([a-z_]+)\}$/.exec(p);
    if (m) out[m[1]] = collectionOf(`/${parts[i - 1]}`);
  });
  return out;
}

export function buildValid(op, role, ctx) {
  const { rng, pool } = ctx;
  const req = { op, role, pathParams: {}, query: [], headers: {}, mutation: "valid", reject: "" };
  // Deleting or retiring what the fuzzer signs in with would end the run's coverage.
  const destructive = op.method === "DELETE" || (op.method === "POST" && kVerbPath.test(op.path));
  const avoid = (r) => destructive && pool.protected.has(r.id);
  const collections = paramCollections(op.path);
  let resource;
  for (const name of pathParamNames(op.path)) {
    const collection = collections[name];
    if (name === "service_id") {
      // A service lives under its organisation: both ids from one service, mostly.
      const s = pool.pick("services", rng, avoid);
      if (s && rng.chance(0.9)) {
        req.pathParams.id = s.organization_id;
        resource = s;
      }
      req.pathParams[name] = s?.id ?? rng.uuid();
      continue;
    }
    if (req.pathParams[name]) continue;
    let r;
    if (collection === "organizations" && role === "member" && ctx.memberOrg && rng.chance(0.5)) {
      r = pool.items.get("organizations")?.get(ctx.memberOrg) ?? { id: ctx.memberOrg };
      if (avoid(r)) r = undefined;
    }
    r ??= pool.pick(collection, rng, avoid);
    req.pathParams[name] =
      r?.id ?? r?.code ?? r?.country ?? (rng.chance(0.5) ? rng.uuid() : rng.word(2));
    resource ??= r;
  }
  for (const p of op.params) {
    if (p.in === "query" && (p.required || rng.chance(0.35))) {
      req.query.push([p.name, queryValue(p, op, ctx)]);
    } else if (p.in === "header" && (p.required || rng.chance(0.3))) {
      req.headers[p.name] = headerValue(p.name, resource, rng);
    }
  }
  if (op.body && (op.body.required || rng.chance(0.7))) {
    req.contentType = op.body.contentType;
    req.body =
      op.id === "createToken" && ctx.credentials && rng.chance(0.5)
        ? { ...ctx.credentials }
        : validValue(op.body.schema, ctx);
  }
  return req;
}

function queryValue(p, op, ctx) {
  if (p.name === "cursor") {
    const cursors = ctx.cursors.get(op.path) ?? [];
    if (cursors.length > 0 && ctx.rng.chance(0.8)) return ctx.rng.pick(cursors);
  }
  return String(validValue(p.schema ?? { type: "string" }, ctx, p.name));
}

function headerValue(name, resource, rng) {
  const etag = resource?.version ? `"${resource.version}"` : undefined;
  switch (name.toLowerCase()) {
    case "x-request-id":
      return `fuzz-${rng.word(12)}`;
    case "if-match":
      return etag && rng.chance(0.8) ? etag : "*";
    case "if-none-match":
      return etag && rng.chance(0.7) ? etag : `"${rng.int(1, 5)}"`;
    default:
      return rng.word(8);
  }
}

// Why a query value breaks its parameter's schema, or "".
export function paramDefect(p, value) {
  const s = flatten(p.schema);
  if (hasLoneSurrogate(value)) return `query ${p.name}: not UTF-8`;
  // OpenAPI's allowEmptyValue is false unless a parameter says otherwise.
  if (
    value === "" &&
    !p.allowEmptyValue &&
    (s.pattern || s.enum || s.minLength || typesOf(s).includes("integer"))
  ) {
    return `empty query parameter (${p.name})`;
  }
  const types = typesOf(s);
  if (types.includes("integer")) {
    if (!/^-?\d+$/.test(value)) return `query ${p.name}: not an integer`;
    const n = Number(value);
    if ((s.minimum !== undefined && n < s.minimum) || (s.maximum !== undefined && n > s.maximum)) {
      return `query ${p.name}: out of [${s.minimum}, ${s.maximum}]`;
    }
  }
  if (Array.isArray(s.enum) && !s.enum.includes(value)) return `query ${p.name}: not in its enum`;
  if (s.maxLength !== undefined && [...value].length > s.maxLength)
    return `query ${p.name}: too long`;
  if (s.pattern && !new RegExp(s.pattern, "u").test(value))
    return `query ${p.name}: breaks its pattern`;
  return "";
}

// The document's one media type (a +json type counts as JSON; a missing one does not).
function isJsonType(type) {
  const media = (type ?? "").split(";")[0].trim().toLowerCase();
  return media === "application/json" || /^application\/[^/]+\+json$/.test(media);
}

// Whether the body breaks the document's schema (or is not JSON text at all): such a
// request must not succeed.
export function judgeBody(req, contract) {
  const op = req.op;
  if (req.bodyText !== undefined || req.body === undefined || !op.body) return;
  if (req.contentType !== undefined && !isJsonType(req.contentType)) {
    req.reject ||= `Content-Type ${JSON.stringify(req.contentType)} is not JSON`;
    return;
  }
  if (req.contentType === undefined) {
    req.reject ||= "no Content-Type";
    return;
  }
  const defect = textDefect(req.body);
  if (defect) {
    req.reject ||= defect;
    return;
  }
  req.bodyText = Buffer.from(serialize(req.body), "utf8"); // written once, sent as is
  if (req.bodyText.length > kMaxBodyBytes) {
    req.reject ||= "body over 1 MiB";
    return;
  }
  // Lengths count the trimmed value (the document's info), the rest the value as sent: only
  // a body that fails both ways is surely invalid.
  const validate = contract.validator(op.body.schema, true);
  if (!validate(asParsed(req.body)) && !validate(asParsed(req.body, true))) {
    const e = validate.errors[0];
    req.reject ||= `schema: ${e.instancePath || "(root)"} ${e.message}`;
  }
}
