// JSON text that JSON.stringify cannot write: numbers such as 1e400 or 2^64 kept as written,
// and objects with duplicate keys. Bodies are built as values holding these markers, so the
// fuzzer still knows every field it sent when it reads a problem's errors[].

// A number (or any fragment) written verbatim. `approx` is what a JSON parser in JavaScript
// would read, used to judge the body against its schema; `valid` is false for text that is not
// JSON at all.
export class Raw {
  constructor(text, approx, valid = true) {
    this.text = text;
    this.approx = approx;
    this.valid = valid;
  }
}

// Extra [key, value] entries an object is written with after its own: the same key twice.
export const kDuplicates = Symbol("duplicates");

export function serialize(value) {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(serialize).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).concat(value[kDuplicates] ?? []);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${serialize(v)}`).join(",")}}`;
  }
  // Lone surrogates come out as \ud800 escapes (well-formed JSON.stringify, node >= 12).
  return JSON.stringify(value) ?? "null";
}

// The body as a JavaScript parser would see it, for the schema check: Raw numbers become their
// approximation, and `null` object members are dropped because the document says null in a
// request means "not set" (array elements stay: null there is a value). `trim`: strings
// without surrounding ASCII whitespace, as the document measures lengths.
export function asParsed(value, trim = false) {
  if (value instanceof Raw) return value.approx;
  if (Array.isArray(value)) return value.map((v) => asParsed(v, trim));
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== null) out[k] = asParsed(v, trim);
    }
    return out;
  }
  return trim && typeof value === "string"
    ? value.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, "")
    : value;
}

// Why a body can never be right whatever its schema says, or "" (lone surrogates, duplicate
// keys, text that is not JSON).
export function textDefect(value) {
  if (value instanceof Raw) return value.valid ? "" : `not JSON (${value.text.slice(0, 20)})`;
  if (typeof value === "string") return hasLoneSurrogate(value) ? "lone surrogate" : "";
  if (Array.isArray(value)) {
    for (const v of value) {
      const d = textDefect(v);
      if (d) return d;
    }
    return "";
  }
  if (value && typeof value === "object") {
    if ((value[kDuplicates] ?? []).length > 0) return "duplicate keys";
    for (const [k, v] of Object.entries(value)) {
      if (hasLoneSurrogate(k)) return "lone surrogate";
      const d = textDefect(v);
      if (d) return d;
    }
  }
  return "";
}

export function hasLoneSurrogate(s) {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

// Every field path of a sent body, named as the gateway names them ("a.b", "list[2]"),
// duplicates included.
export function sentFields(value, prefix = "", out = new Set()) {
  if (value instanceof Raw) return sentFields(value.approx, prefix, out); // its outer shape
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.add(`${prefix}[${i}]`);
      sentFields(v, `${prefix}[${i}]`, out);
    });
  } else if (value && typeof value === "object") {
    const entries = Object.entries(value).concat(value[kDuplicates] ?? []);
    for (const [k, v] of entries) {
      const path = prefix ? `${prefix}.${k}` : k;
      out.add(path);
      sentFields(v, path, out);
    }
  }
  return out;
}

// Percent-encodes a parameter as UTF-8; a lone surrogate becomes its WTF-8 bytes (ED A0 80),
// which encodeURIComponent refuses to write but a hostile client sends.
export function percentEncode(s) {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let bytes;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes = Buffer.from(s.slice(i, i + 2), "utf8");
        i++;
      }
    }
    if (!bytes) {
      bytes =
        c >= 0xd800 && c <= 0xdfff
          ? Buffer.from([0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)])
          : Buffer.from(String.fromCharCode(c), "utf8");
    }
    for (const b of bytes) {
      const ch = String.fromCharCode(b);
      out += /[A-Za-z0-9\-_.~]/.test(ch) ? ch : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return out;
}
