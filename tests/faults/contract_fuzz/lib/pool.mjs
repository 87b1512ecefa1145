// Real resources seen in answers (organisations, people, services, applications, API keys,
// countries), so path parameters name things that exist and requests reach past the 404.

// The collection a path segment names; a path parameter takes its value from the collection
// named just before it (/v1/organizations/{id} -> organizations).
const kCollections = new Set([
  "organizations",
  "people",
  "services",
  "membership-applications",
  "api-keys",
  "countries",
  "networks",
]);
const kMaxPerCollection = 500;

// The collection whose items a path's answers hold: the last collection segment in it
// ("/v1/organizations/{id}/people" -> people, "/v1/organizations/{id}/suspend" ->
// organizations).
export function collectionOf(template) {
  const segments = template.split("/").filter((s) => kCollections.has(s));
  const last = segments.at(-1);
  return last === "networks" ? "countries" : last;
}

export class Pool {
  constructor() {
    this.items = new Map(); // collection -> Map(key -> resource)
    this.protected = new Set(); // ids the fuzzer must not delete or retire (its own keys)
  }

  protect(id) {
    if (id) this.protected.add(id);
  }

  add(collection, resource) {
    if (!collection || !resource || typeof resource !== "object") return;
    const key = resource.id ?? resource.code ?? resource.country;
    if (typeof key !== "string" || key.length === 0) return;
    if (!this.items.has(collection)) this.items.set(collection, new Map());
    const m = this.items.get(collection);
    m.delete(key); // most recent last: eviction drops the oldest
    m.set(key, resource);
    if (m.size > kMaxPerCollection) m.delete(m.keys().next().value);
  }

  remove(collection, key) {
    this.items.get(collection)?.delete(key);
  }

  // Everything a 2xx answer to `template` shows: a list's items or the resource itself.
  harvest(template, body) {
    const collection = collectionOf(template);
    if (!collection || !body || typeof body !== "object") return;
    if (Array.isArray(body.items)) body.items.forEach((r) => this.add(collection, r));
    else this.add(collection, body);
    if (body.person) this.add("people", body.person); // an export
  }

  pick(collection, rng, avoid = () => false) {
    const m = this.items.get(collection);
    if (!m || m.size === 0) return undefined;
    const values = [...m.values()].filter((r) => !avoid(r));
    return values.length > 0 ? rng.pick(values) : undefined;
  }

  pickId(collection, rng) {
    const r = this.pick(collection, rng);
    return r?.id ?? r?.code ?? r?.country;
  }

  codes(collection) {
    return [...(this.items.get(collection)?.keys() ?? [])];
  }
}
