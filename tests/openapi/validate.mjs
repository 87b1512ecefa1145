// Validates an OpenAPI 3.1 document (schema, $refs, duplicate operation ids) and exits non-zero
// on any error. swagger-parser is pinned to 12.1.0: 13.x needs node >= 22, Debian 12 has 18.
import SwaggerParser from "@apidevtools/swagger-parser";

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate.mjs <openapi.yaml>");
  process.exit(2);
}

try {
  // parse() first: validate() dereferences in place, and we want the raw version field.
  const raw = await SwaggerParser.parse(file);
  if (typeof raw.openapi !== "string" || !raw.openapi.startsWith("3.1.")) {
    throw new Error(`"openapi" is ${JSON.stringify(raw.openapi)}; this project writes 3.1.x`);
  }
  const api = await SwaggerParser.validate(file);
  const paths = Object.keys(api.paths ?? {}).length;
  console.log(`openapi: ${file} is valid OpenAPI ${raw.openapi} (${paths} paths)`);
} catch (err) {
  // The message already lists each schema violation with its location.
  console.error(`openapi: ${file} is not valid: ${err.message.trim()}`);
  process.exit(1);
}
