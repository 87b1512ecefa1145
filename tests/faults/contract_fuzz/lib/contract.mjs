// What docs/openapi.yaml promises, in the shape the fuzzer asks for it: the operations with
// their parameters and body schema, the documented answer for a status, compiled validators,
// and the field names a problem's errors[] may use.
import SwaggerParser from "@apidevtools/swagger-parser";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const kMethods = ["get", "put", "post", "patch", "delete"];

// allOf folded into one schema: properties, required and the rest merged, so generation and
// field lookup need not follow allOf themselves (validation uses the schema as written).
export function flatten(schema) {
  if (!schema || typeof schema !== "object" || !Array.isArray(schema.allOf)) return schema;
  const out = { ...schema };
  delete out.allOf;
  for (const part of schema.allOf.map(flatten)) {
    for (const [k, v] of Object.entries(part)) {
      if (k === "properties") out.properties = { ...(out.properties ?? {}), ...v };
      else if (k === "required") out.required = [...new Set([...(out.required ?? []), ...v])];
      else if (!(k in out)) out[k] = v;
    }
  }
  return out;
}

// The non-null types a schema allows ("type": ["string", "null"] -> ["string"]).
export function typesOf(schema) {
  const s = flatten(schema) ?? {};
  if (s.const !== undefined) return [jsonType(s.const)];
  if (Array.isArray(s.enum)) return [...new Set(s.enum.filter((v) => v !== null).map(jsonType))];
  const t = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const types = t.filter((x) => x !== "null");
  if (types.length === 0 && s.properties) return ["object"];
  return types;
}

function jsonType(v) {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  if (Number.isInteger(v)) return "integer";
  return typeof v;
}

function escapeRegex(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Regexes for every field path a body of `schema` can have, spelled as the gateway names
// fields in errors[]: "organization.name", "municipalities[3]", "name.sr-Latn".
function fieldPatterns(schema, prefix, depth, out) {
  const s = flatten(schema);
  if (!s || typeof s !== "object" || depth > 8) return out;
  const join = (key) => (prefix ? `${prefix}\\.${key}` : key);
  for (const [name, sub] of Object.entries(s.properties ?? {})) {
    const path = join(escapeRegex(name));
    out.push(path);
    fieldPatterns(sub, path, depth + 1, out);
  }
  if (s.additionalProperties && typeof s.additionalProperties === "object") {
    const names = s.propertyNames?.enum;
    const key = names ? `(${names.map(escapeRegex).join("|")})` : "[^.\\[]+";
    out.push(join(key));
    fieldPatterns(s.additionalProperties, join(key), depth + 1, out);
  }
  if (s.items && typeof s.items === "object") {
    const path = `${prefix}\\[\\d+\\]`;
    if (prefix) out.push(path);
    fieldPatterns(s.items, path, depth + 1, out);
  }
  for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) {
    fieldPatterns(alt, prefix, depth + 1, out);
  }
  return out;
}

export class Contract {
  static async load(file) {
    const doc = await SwaggerParser.dereference(file);
    return new Contract(doc);
  }

  constructor(doc) {
    this.doc = doc;
    // Responses are checked with formats (uuid, date-time, email): the document promises them.
    this.responseAjv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.responseAjv);
    // Requests are judged without formats: JSON Schema makes them annotations, and a server
    // may accept more than a format says; everything structural still counts.
    this.requestAjv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    this.compiled = new Map();
    this.operations = [];
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const method of kMethods) {
        if (item[method]) this.operations.push(this.operation(path, method, item, item[method]));
      }
    }
  }

  operation(path, method, item, op) {
    const params = new Map();
    for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
      params.set(`${p.in}:${p.name}`, p); // an operation's own replaces the path item's
    }
    const content = op.requestBody?.content ?? {};
    const bodyType = Object.keys(content).find((t) => /json/i.test(t));
    const security = op.security ?? this.doc.security ?? [];
    const bodySchema = bodyType ? content[bodyType].schema : undefined;
    return {
      id: op.operationId ?? `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      params: [...params.values()],
      body: bodySchema
        ? {
            schema: bodySchema,
            required: op.requestBody.required === true,
            contentType: bodyType,
            fields: fieldPatterns(bodySchema, "", 0, []).map((p) => new RegExp(`^${p}$`)),
          }
        : undefined,
      responses: op.responses ?? {},
      // Anonymous callers are allowed when an empty requirement ({}) is among the options.
      public: security.length === 0 || security.some((r) => Object.keys(r).length === 0),
    };
  }

  // The documented answer for `status`: exact, then "4XX", then "default"; undefined if none.
  response(operation, status) {
    const r = operation.responses;
    return r[String(status)] ?? r[`${Math.floor(status / 100)}XX`] ?? r.default;
  }

  validator(schema, forRequest = false) {
    const key = forRequest ? "request" : "response";
    let byKind = this.compiled.get(schema);
    if (!byKind) this.compiled.set(schema, (byKind = {}));
    if (!byKind[key]) {
      byKind[key] = (forRequest ? this.requestAjv : this.responseAjv).compile(schema);
    }
    return byKind[key];
  }

  // Problem types a documented response gives as its own ("... (type `/problems/x`)"); a
  // "Type `/problems/y`: when ..." sentence names one case among others, not every answer's.
  static problemTypes(response) {
    // "(type `/problems/a`)" or "(type `/problems/a` or `/problems/b`)".
    const groups = [...(response?.description ?? "").matchAll(/\(type (`\/problems\/[^)]*)\)/g)];
    return groups.flatMap((g) => [...g[1].matchAll(/`(\/problems\/[a-z_]+)`/g)].map((m) => m[1]));
  }
}

// Ajv's verdict as one line per error: "/organization/name must NOT have more than 200 ...".
export function describeErrors(errors, max = 4) {
  return (errors ?? [])
    .slice(0, max)
    .map((e) => `${e.instancePath || "(root)"} ${e.message}${paramsNote(e)}`)
    .join("; ");
}

function paramsNote(e) {
  if (e.keyword === "additionalProperties") return ` (${e.params.additionalProperty})`;
  if (e.keyword === "enum") return ` (${JSON.stringify(e.params.allowedValues).slice(0, 80)})`;
  return "";
}
