// Values for requests: valid ones from a schema (its const, enum, examples, format, pattern and
// bounds, and the reference lists the API serves for fields named after them), and
// adversarial ones that replace a field.
import { flatten, typesOf } from "./contract.mjs";
import { Raw } from "./json_text.mjs";

// Fields whose valid values are a reference list (codes from GET /v1/countries and friends),
// which the schema leaves as a plain string.
const kVocabularyOf = {
  country: "countries",
  target_group: "targetGroups",
  target_groups: "targetGroups",
  languages: "languages",
  category: "categories",
};

export function validValue(schema, ctx, name = "", depth = 0) {
  const s = flatten(schema) ?? {};
  const { rng } = ctx;
  if (s.const !== undefined) return s.const;
  const examples = [...(s.examples ?? []), ...(s.example !== undefined ? [s.example] : [])];
  if (examples.length > 0 && rng.chance(0.3)) return structuredClone(rng.pick(examples));
  if (Array.isArray(s.enum)) {
    const values = s.enum.filter((v) => v !== null);
    if (values.length > 0) return rng.pick(values);
  }
  const types = typesOf(s);
  if (types.length === 0) return rng.word(6);
  switch (rng.pick(types)) {
    case "object":
      return validObject(s, ctx, depth);
    case "array":
      return validArray(s, ctx, name, depth);
    case "integer":
    case "number":
      return rng.int(s.minimum ?? 0, Math.min(s.maximum ?? 1000, (s.minimum ?? 0) + 1000));
    case "boolean":
      return rng.chance(0.5);
    default:
      return validString(s, ctx, name);
  }
}

function validObject(s, ctx, depth) {
  const { rng } = ctx;
  const out = {};
  if (s.additionalProperties && typeof s.additionalProperties === "object" && !s.properties) {
    // A map such as LocalizedText: keys from propertyNames when it lists them.
    const keys = s.propertyNames?.enum ?? [rng.word(4)];
    for (const k of rng.sample(keys, Math.max(s.minProperties ?? 1, rng.int(1, 2)))) {
      out[k] = validValue(s.additionalProperties, ctx, k, depth + 1);
    }
    return out;
  }
  const required = new Set(s.required ?? []);
  for (const [k, sub] of Object.entries(s.properties ?? {})) {
    if (required.has(k) || (depth < 4 && rng.chance(0.6))) {
      out[k] = validValue(sub, ctx, k, depth + 1);
    }
  }
  return out;
}

function validArray(s, ctx, name, depth) {
  const { rng } = ctx;
  const n = rng.int(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3));
  const item = flatten(s.items) ?? {};
  const words = vocabulary(ctx, name) ?? (Array.isArray(item.enum) ? item.enum : undefined);
  if (words && words.length > 0) return rng.sample(words, Math.max(n, s.minItems ?? 0));
  return Array.from({ length: n }, () => validValue(item, ctx, name, depth + 1));
}

function vocabulary(ctx, name) {
  const list = ctx.vocabulary?.[kVocabularyOf[name]];
  return list && list.length > 0 ? list : undefined;
}

function validString(s, ctx, name) {
  const { rng } = ctx;
  const words = vocabulary(ctx, name);
  if (words) return rng.pick(words);
  if (
    /^\^\[A-Z(a-z)?\]\{2\}\$$/.test(s.pattern ?? "") ||
    /^\^\[A-Za-z\]\{2\}\$$/.test(s.pattern ?? "")
  ) {
    return rng.pick(ctx.vocabulary?.countries?.length ? ctx.vocabulary.countries : ["RS", "BA"]);
  }
  if (s.format === "uuid" || name.endsWith("_id")) {
    const known = name === "organization_id" ? ctx.pool?.pickId("organizations", rng) : undefined;
    return known ?? rng.uuid();
  }
  if (s.format === "email" || name.includes("email")) return `fuzz.${rng.word(10)}@example.org`;
  if (s.format === "password" || name === "password") return `fuzz password ${rng.word(12)}`;
  if (s.format === "date" || s.anyOf?.some((a) => a.format === "date")) {
    return `20${rng.int(27, 39)}-0${rng.int(1, 9)}-${rng.int(10, 28)}`;
  }
  if (s.format === "date-time") return new Date().toISOString();
  if (name === "website") return `https://${rng.word(8)}.example.org`;
  const max = Math.min(s.maxLength ?? 24, 24);
  const min = Math.min(Math.max(s.minLength ?? 1, 1), max);
  let text = `fuzz ${rng.word(rng.int(3, 12))}`;
  while (text.length < min) text += ` ${rng.word(8)}`;
  return text.slice(0, max);
}

// --- adversarial values -------------------------------------------------------------------

const kControls = [
  "\u0001",
  "\u0007",
  "\b",
  "\t",
  "\n",
  "\u000b",
  "\f",
  "\r",
  "\u001b",
  "\u001f",
  "\u007f",
  "\u0085",
  "\u2028",
  "\u2029",
  "\u202e",
  "\ufeff",
  "\u200b",
  "\ufffe",
  "\uffff",
];

// [label, make] pairs: `make()` builds the value, so only the one picked is built (some are
// a megabyte). A label names the kind in reports ("nul", "int64 edge", ...).
function stringCases(rng) {
  const c = () => rng.pick(kControls);
  const four = () => rng.pick(["😀", "𝕏", "𠜎", "🇷🇸", "👩‍👩‍👧"]);
  return [
    ["nul", () => "\u0000"],
    ["nul", () => `fuzz\u0000${rng.word(4)}`],
    ["nul", () => "\u0000".repeat(rng.int(2, 300))],
    ["control", () => `${c()}fuzz${c()}`],
    ["control", () => c().repeat(rng.int(1, 50))],
    ["lone surrogate", () => "\ud800"],
    ["lone surrogate", () => `fuzz\udfff${rng.word(3)}`],
    ["lone surrogate", () => "\udbff\udbff"],
    ["4-byte", () => four()],
    ["4-byte", () => four().repeat(rng.int(2, 300))],
    ["long", () => "x".repeat(rng.pick([201, 255, 1025, 4097, 65537]))],
    ["long", () => "é".repeat(rng.pick([101, 2049, 40000]))],
    ["long", () => four().repeat(rng.pick([51, 1001, 40001]))],
    ["long", () => "x".repeat(rng.pick([300000, 900000]))],
    ["empty", () => ""],
    ["blank", () => rng.pick([" ", "   ", "\t", " \n "])],
    [
      "edge text",
      () => rng.pick(["null", "true", "0", "-1", "NaN", "undefined", "[]", "{}", '""', "\\"]),
    ],
    [
      "edge text",
      () => rng.pick(["' OR '1'='1", "%s%n%x", "${7*7}", "../../etc/passwd", "<script>x</script>"]),
    ],
    ["edge text", () => rng.pick(["%00", "%FF", "\\u0000", "e\u0301", "ﬁ", "İ", "ß".repeat(33)])],
    [
      "edge text",
      () =>
        rng.pick([
          "00000000-0000-0000-0000-000000000000",
          rng.uuid().toUpperCase(),
          `{${rng.uuid()}}`,
        ]),
    ],
    [
      "edge text",
      () => rng.pick(["2027-02-30", "0000-00-00", "9999-12-31T23:59:59Z", "2027-13-01", "1e400"]),
    ],
  ];
}

function numberCases(rng) {
  return [
    [
      "int edge",
      () =>
        rng.pick([
          0, -1, 1, 2147483647, 2147483648, -2147483648, -2147483649, 4294967295, 4294967296,
        ]),
    ],
    ["int edge", () => rng.pick([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53 + 2])],
    ["int64 edge", () => new Raw("9223372036854775807", 9223372036854775807)],
    ["int64 edge", () => new Raw("9223372036854775808", 9223372036854775808)],
    ["int64 edge", () => new Raw("-9223372036854775808", -9223372036854775808)],
    ["int64 edge", () => new Raw("-9223372036854775809", -9223372036854775809)],
    ["uint64 edge", () => new Raw("18446744073709551615", 18446744073709551615)],
    ["uint64 edge", () => new Raw("18446744073709551616", 18446744073709551616)],
    ["uint64 edge", () => new Raw(`1${"0".repeat(rng.int(20, 400))}`, Infinity)],
    ["1e400", () => new Raw(rng.pick(["1e400", "-1e400", "1E+400"]), Infinity)],
    ["1e400", () => new Raw("1e-400", 1e-300)], // under zero's precision, but no integer
    ["fraction", () => rng.pick([1.5, -0.5, 0.1, 1e308, -1e308, 5e-324])],
    ["fraction", () => new Raw(rng.pick(["1.5", "-0.0", "1E-2"]), 0.5)],
    [
      "not JSON",
      () =>
        new Raw(
          rng.pick(["NaN", "Infinity", "-Infinity", "0x10", "+1", "01", ".5", "1."]),
          NaN,
          false,
        ),
    ],
  ];
}

function wrongTypeCases(rng) {
  // Written as text: a value nested thousands deep would overflow the fuzzer's own stack
  // before the server's; `approx` keeps its outer shape for the schema check.
  const deep = () => {
    const n = rng.pick([10, 63, 64, 65, 200, 2000, 50000]);
    const array = rng.chance(0.5);
    let approx = array ? [] : 1;
    for (let i = Math.min(n, 8); i > 0; i--) approx = array ? [approx] : { a: approx };
    return array
      ? new Raw(`${"[".repeat(n)}${"]".repeat(n)}`, approx)
      : new Raw(`${'{"a":'.repeat(n)}1${"}".repeat(n)}`, approx);
  };
  return [
    ["wrong type", () => null],
    ["wrong type", () => rng.pick([true, false])],
    ["wrong type", () => rng.pick([{}, { a: 1 }, { "": "" }])],
    ["wrong type", () => rng.pick([[], [null], [1, "a", {}], [[]]])],
    ["wrong type", () => rng.pick([0, 1, -7, 3.25])],
    ["wrong type", () => rng.pick(["0", "true", "fuzz", "[]"])],
    ["deep nesting", deep],
  ];
}

function hugeArrayCases(rng) {
  const n = () => rng.pick([21, 101, 1000, 10000, 100000]);
  return [
    ["huge array", () => Array(n()).fill(rng.pick(["x", "fuzz", ""]))],
    ["huge array", () => Array(n()).fill(rng.pick([0, null, true]))],
    ["huge array", () => Array.from({ length: Math.min(n(), 20000) }, (_, i) => `fuzz${i}`)],
    ["huge array", () => Array(Math.min(n(), 5000)).fill({ a: "x" })],
  ];
}

// An adversarial replacement for a value of `schema`: mostly of its own kind (strings for a
// string, numbers for an integer), otherwise anything.
export function adversarialValue(schema, rng) {
  const types = typesOf(schema);
  const own = [];
  if (types.includes("string")) own.push(...stringCases(rng));
  if (types.includes("integer") || types.includes("number")) own.push(...numberCases(rng));
  if (types.includes("array")) own.push(...hugeArrayCases(rng));
  const any = [
    ...stringCases(rng),
    ...numberCases(rng),
    ...wrongTypeCases(rng),
    ...hugeArrayCases(rng),
  ];
  const [label, make] = own.length > 0 && rng.chance(0.65) ? rng.pick(own) : rng.pick(any);
  return { label, value: make() };
}

// An adversarial text for a query, path or header parameter (always a string on the wire).
export function adversarialText(rng, maxLength = 8000) {
  const cases = [
    ...stringCases(rng),
    ["int edge", () => String(rng.pick([0, -1, 201, 2147483648, 1e21]))],
    [
      "int64 edge",
      () => rng.pick(["9223372036854775807", "9223372036854775808", "-9223372036854775809"]),
    ],
    ["uint64 edge", () => rng.pick(["18446744073709551615", "18446744073709551616"])],
    ["1e400", () => rng.pick(["1e400", "-1e400", "1e-400", "NaN", "0x10", "1.5", "+1", "01"])],
  ];
  const [label, make] = rng.pick(cases);
  return { label, value: make().slice(0, maxLength) };
}
