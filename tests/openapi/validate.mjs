// Validates an OpenAPI 3.1 document and exits non-zero on any error:
//  - the document: its schema, $refs, duplicate operation ids (swagger-parser);
//  - its examples: every operation with a JSON request body has a request example, every JSON
//    answer it documents (success and problem answers) has one, and every example (request,
//    response, parameter, header, and a schema's own `examples`) validates against its schema
//    (ajv: JSON Schema 2020-12 as OpenAPI 3.1 uses it, formats asserted by ajv-formats).
// swagger-parser is pinned to 12.1.0: 13.x needs node >= 22, Debian 12 has 18.
import SwaggerParser from "@apidevtools/swagger-parser";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate.mjs <openapi.yaml>");
  process.exit(2);
}

const kMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const isJson = (mediaType) => /^application\/([a-z0-9.+-]*\+)?json\b/i.test(mediaType);

// Where a place is, for messages: "POST /v1/organizations: requestBody content application/json".
function label(parts) {
  if (parts[0] === "paths") {
    const [, path, second, ...rest] = parts;
    if (kMethods.includes(second)) return `${second.toUpperCase()} ${path}: ${rest.join(" ")}`;
    return `${path}: ${[second, ...rest].join(" ")}`;
  }
  return parts.join("/");
}

function at(doc, parts) {
  return parts.reduce((node, key) => (node == null ? undefined : node[key]), doc);
}

// A local $ref followed to its target: [object, name for messages].
function resolve(raw, obj, name) {
  for (let hops = 0; obj && typeof obj.$ref === "string" && hops < 16; hops++) {
    if (!obj.$ref.startsWith("#/")) break;
    name = obj.$ref;
    const parts = obj.$ref.slice(2).split("/");
    obj = at(raw, parts.map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~")));
  }
  return [obj, name];
}

// Formats assert: an example is what the API answers, so a uuid is a uuid and a date-time is
// RFC 3339. ajv-formats knows OpenAPI's own names (int64, password, ...); idn-email is added.
function makeAjv() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat("idn-email", /^[^\s@]+@[^\s@]+\.[^\s@]+$/u);
  return ajv;
}

// Ajv's verdict as one line: "/status must be equal to one of the allowed values (...)".
function describe(errors) {
  return (errors ?? [])
    .slice(0, 6)
    .map((e) => {
      let note = "";
      if (e.keyword === "additionalProperties") note = ` (${e.params.additionalProperty})`;
      if (e.keyword === "enum") note = ` (${e.params.allowedValues.join(", ")})`;
      return `${e.instancePath || "(root)"} ${e.message}${note}`;
    })
    .join("; ");
}

// Every place of the raw document that may hold examples, as the path to read it at (in the
// dereferenced document, where its schema is resolved): media types of request bodies and
// responses, parameters, headers, and component schemas at any depth. A $ref is skipped: its
// target is visited where it is defined.
function* exampleSites(raw) {
  function* mediaTypes(content, parts) {
    for (const [type, media] of Object.entries(content ?? {})) {
      if (media && !media.$ref) yield { kind: "holder", parts: [...parts, "content", type] };
    }
  }
  function* response(resp, parts) {
    if (!resp || resp.$ref) return;
    yield* mediaTypes(resp.content, parts);
    for (const [name, header] of Object.entries(resp.headers ?? {})) {
      if (header && !header.$ref) yield { kind: "holder", parts: [...parts, "headers", name] };
    }
  }
  function* parameters(list, parts) {
    for (const [i, p] of (list ?? []).entries()) {
      if (p && !p.$ref) yield { kind: "holder", parts: [...parts, "parameters", i] };
    }
  }
  function* schemas(schema, parts) {
    if (!schema || typeof schema !== "object" || schema.$ref) return;
    if (schema.examples !== undefined || schema.example !== undefined) {
      yield { kind: "schema", parts };
    }
    for (const key of ["properties", "patternProperties", "$defs"]) {
      for (const [k, sub] of Object.entries(schema[key] ?? {})) {
        yield* schemas(sub, [...parts, key, k]);
      }
    }
    for (const key of ["items", "additionalProperties", "not", "contains", "propertyNames"]) {
      if (schema[key] && typeof schema[key] === "object") {
        yield* schemas(schema[key], [...parts, key]);
      }
    }
    for (const key of ["allOf", "anyOf", "oneOf", "prefixItems"]) {
      for (const [i, sub] of (schema[key] ?? []).entries()) {
        yield* schemas(sub, [...parts, key, i]);
      }
    }
  }

  for (const [path, item] of Object.entries(raw.paths ?? {})) {
    yield* parameters(item.parameters, ["paths", path]);
    for (const method of kMethods) {
      const op = item[method];
      if (!op) continue;
      const parts = ["paths", path, method];
      yield* parameters(op.parameters, parts);
      if (op.requestBody && !op.requestBody.$ref) {
        yield* mediaTypes(op.requestBody.content, [...parts, "requestBody"]);
      }
      for (const [status, resp] of Object.entries(op.responses ?? {})) {
        yield* response(resp, [...parts, "responses", status]);
      }
    }
  }
  const c = raw.components ?? {};
  for (const [name, p] of Object.entries(c.parameters ?? {})) {
    if (!p.$ref) yield { kind: "holder", parts: ["components", "parameters", name] };
  }
  for (const [name, h] of Object.entries(c.headers ?? {})) {
    if (!h.$ref) yield { kind: "holder", parts: ["components", "headers", name] };
  }
  for (const [name, b] of Object.entries(c.requestBodies ?? {})) {
    if (!b.$ref) yield* mediaTypes(b.content, ["components", "requestBodies", name]);
  }
  for (const [name, r] of Object.entries(c.responses ?? {})) {
    yield* response(r, ["components", "responses", name]);
  }
  for (const [name, s] of Object.entries(c.schemas ?? {})) {
    yield* schemas(s, ["components", "schemas", name]);
  }
}

// The examples of a media type, parameter or header as [name, value] pairs.
function examplesOf(holder, where, problems) {
  const out = [];
  if (holder.example !== undefined && holder.examples !== undefined) {
    problems.push(`${where}: has both "example" and "examples" (OpenAPI allows one)`);
  }
  if (holder.example !== undefined) out.push(["example", holder.example]);
  for (const [name, ex] of Object.entries(holder.examples ?? {})) {
    if (!ex || typeof ex !== "object" || !("value" in ex)) {
      problems.push(`${where}: example "${name}" has no "value" (externalValue is not checked)`);
    } else {
      out.push([`example "${name}"`, ex.value]);
    }
  }
  return out;
}

const hasExample = (media) =>
  media.example !== undefined || Object.keys(media.examples ?? {}).length > 0;

function checkExamples(raw, api) {
  const problems = [];
  const ajv = makeAjv();
  const check = (schema, value, where) => {
    if (!schema) {
      problems.push(`${where}: there is no schema to check it against`);
      return;
    }
    let validate;
    try {
      validate = ajv.compile(schema);
    } catch (err) {
      problems.push(`${where}: its schema does not compile: ${err.message}`);
      return;
    }
    if (!validate(value)) {
      problems.push(`${where} does not match its schema: ${describe(validate.errors)}`);
    }
  };

  // 1. Every example matches its schema.
  for (const site of exampleSites(raw)) {
    const node = at(api, site.parts);
    const param = node.in && node.name ? ` (${node.in} parameter ${node.name})` : "";
    const where = label(site.parts) + param;
    if (site.kind === "schema") {
      if (node.examples !== undefined && !Array.isArray(node.examples)) {
        problems.push(`${where}: a schema's "examples" must be an array`);
      }
      const values = Array.isArray(node.examples) ? [...node.examples] : [];
      if (node.example !== undefined) values.push(node.example);
      values.forEach((value, i) => check(node, value, `${where} example ${i + 1}`));
      continue;
    }
    // A parameter or header may describe itself with `content` instead of `schema`.
    for (const [type, media] of Object.entries(node.content ?? {})) {
      for (const [name, value] of examplesOf(media, `${where} content ${type}`, problems)) {
        check(media.schema, value, `${where} content ${type} ${name}`);
      }
    }
    for (const [name, value] of examplesOf(node, where, problems)) {
      check(node.schema, value, `${where} ${name}`);
    }
  }

  // 2. Every operation shows a request example for a JSON body and an example for every JSON
  // answer it documents. Read from the raw document, so a shared component without an example
  // is named once, not once per operation that uses it.
  const missing = new Set();
  for (const [path, item] of Object.entries(raw.paths ?? {})) {
    for (const method of kMethods) {
      const op = item[method];
      if (!op) continue;
      const name = `${method.toUpperCase()} ${path} (${op.operationId ?? "no operationId"})`;
      const [body, bodyName] = resolve(raw, op.requestBody, `${name}: the request body`);
      for (const [type, media] of Object.entries(body?.content ?? {})) {
        if (isJson(type) && !hasExample(media)) {
          missing.add(`${bodyName} (${type}) has no example`);
        }
      }
      for (const [status, ref] of Object.entries(op.responses ?? {})) {
        const [resp, respName] = resolve(raw, ref, `${name}: the ${status} response`);
        for (const [type, media] of Object.entries(resp?.content ?? {})) {
          if (isJson(type) && !hasExample(media)) {
            missing.add(`${respName} (${type}) has no example`);
          }
        }
      }
    }
  }
  return [...problems, ...missing];
}

try {
  // parse() first: validate() dereferences in place, and we want the raw version field and the
  // raw structure (where each example is written, before $refs are followed).
  const raw = await SwaggerParser.parse(file);
  if (typeof raw.openapi !== "string" || !raw.openapi.startsWith("3.1.")) {
    throw new Error(`"openapi" is ${JSON.stringify(raw.openapi)}; this project writes 3.1.x`);
  }
  const api = await SwaggerParser.validate(file);
  const problems = checkExamples(raw, api);
  if (problems.length > 0) {
    throw new Error(`${problems.length} example problem(s):\n  ${problems.join("\n  ")}`);
  }
  const paths = Object.keys(api.paths ?? {}).length;
  console.log(`openapi: ${file} is valid OpenAPI ${raw.openapi} (${paths} paths, examples too)`);
} catch (err) {
  // The message already lists each schema violation with its location.
  console.error(`openapi: ${file} is not valid: ${err.message.trim()}`);
  process.exit(1);
}
