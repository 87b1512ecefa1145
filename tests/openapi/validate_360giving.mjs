// Validates a 360Giving data package (JSON) against the standard's schemas in ./360giving (1.4.3)
// and exits non-zero on any error, printing each. Offline: the package schema's reference to the
// grant schema (by its 1.4.2 URL) is served from the local copy. ajv's draft 2020-12 class, as
// the schemas declare; formats (date-time, uri) asserted by ajv-formats: without them the
// standard's `oneOf: [{format: date-time}, {pattern: YYYY-MM-DD}]` would match a date twice.
// Not strict: the schemas carry keywords of their own (codelist, rollUp, openCodelist).
//
//   node tests/openapi/validate_360giving.mjs package.json
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate_360giving.mjs <360giving-package.json>");
  process.exit(2);
}
const here = join(dirname(fileURLToPath(import.meta.url)), "360giving");
// Their `$schema` names draft 2020-12 by its http:// URL, which ajv (knowing the https:// one)
// would look up and not find: the class already is draft 2020-12, so it is left out.
const load = (name) => {
  const { $schema, ...schema } = JSON.parse(readFileSync(join(here, name), "utf8"));
  if ($schema !== "http://json-schema.org/draft/2020-12/schema") {
    throw new Error(`${name}: expected a draft 2020-12 schema, found ${$schema}`);
  }
  return schema;
};
const packageSchema = load("360-giving-package-schema.json");
const grantSchema = load("360-giving-schema.json");

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// Under the URL the package refers to (its items' $ref), whatever the grant schema's own $id.
const grantRef = packageSchema.properties.grants.items.$ref;
ajv.addSchema({ ...grantSchema, $id: grantRef });
const validate = ajv.compile(packageSchema);

let data;
try {
  data = JSON.parse(readFileSync(file, "utf8"));
} catch (e) {
  console.error(`360giving: ${file} is not JSON: ${e.message}`);
  process.exit(1);
}
if (!validate(data)) {
  for (const e of validate.errors) {
    console.error(`360giving: ${e.instancePath || "/"} ${e.message} (${e.schemaPath})`);
  }
  process.exit(1);
}
const grants = Array.isArray(data.grants) ? data.grants.length : 0;
console.log(`360giving: ${file} is a valid 360Giving data package (${grants} grants)`);
