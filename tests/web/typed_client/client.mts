// A web frontend's first program against the IRIS API, typed by the `paths` that
// openapi-typescript generates from docs/openapi.yaml: list organisations, read one, sign in,
// create one, read the problems a bad request answers. tests/scripts/web_developer_test.sh
// type-checks it (tsc --strict) and runs it against a live gateway; a type error or a wrong
// answer fails the test. BASE, EMAIL and PASSWORD come from the environment; EMAIL is an
// account that may register organisations in Serbia (a network admin or RS's coordinator).
import createClient from "openapi-fetch";

import type { components, paths } from "./iris-api.js";

type Organization = components["schemas"]["Organization"];
type OrganizationCreate = components["schemas"]["OrganizationCreate"];
type Problem = components["schemas"]["Problem"];

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

let checks = 0;
function expect(ok: boolean, what: string): asserts ok {
  if (!ok) throw new Error(`typed client: ${what}`);
  checks++;
}

const baseUrl = setting("BASE");
const api = createClient<paths>({ baseUrl });

// What the generated types refuse before any request leaves: enum words and required fields.
// Were the types looser (a plain string, an optional name), these directives would be unused,
// and tsc fails on an unused @ts-expect-error.
// @ts-expect-error "ngo" is not one of the documented kinds
const badKind: OrganizationCreate = { name: "Sunce", country: "RS", kind: "ngo" };
// @ts-expect-error a new organisation needs a name
const noName: OrganizationCreate = { country: "RS", kind: "member_cso" };
void badKind;
void noName;

// 1. The directory, as an anonymous visitor sees it.
// Repeated filters are arrays (openapi-fetch sends country=RS&country=BA), sorted by name,
// with the number of matches.
const list = await api.GET("/v1/organizations", {
  params: { query: { country: ["RS", "BA"], limit: 5, sort: "name", include: "total" } },
});
expect(list.data !== undefined, `GET /v1/organizations answered ${list.response.status}`);
const page: Organization[] = list.data.items;
expect(page.length <= 5, `limit=5 gave ${page.length} items`);
expect(
  page.every((o) => (o.country === "RS" || o.country === "BA") && o.status === "active"),
  "an anonymous directory filtered by RS and BA holds only active organisations of either",
);
const total: number | undefined = list.data.total;
expect(
  total !== undefined && total >= page.length && list.data.total_exact === true,
  `include=total answered total ${total}`,
);
const next: string | null = list.data.next_cursor;
if (next !== null) {
  const more = await api.GET("/v1/organizations", {
    params: { query: { country: ["RS", "BA"], limit: 5, sort: "name", cursor: next } },
  });
  expect(more.data !== undefined, `the next page answered ${more.response.status}`);
  const seen = new Set(page.map((o) => o.id));
  expect(
    more.data.items.every((o) => !seen.has(o.id)),
    "the next page repeats no organisation",
  );
}

// 2. Sign in.
const session = await api.POST("/v1/auth/token", {
  body: { email: setting("EMAIL"), password: setting("PASSWORD") },
});
expect(session.data !== undefined, `POST /v1/auth/token answered ${session.response.status}`);
expect(session.data.token_type === "Bearer", "token_type is Bearer");
expect(session.data.refresh_token.length > 0, "a refresh token comes with the access token");
const signedIn = createClient<paths>({
  baseUrl,
  headers: { Authorization: `Bearer ${session.data.access_token}` },
});

// 3. Create an organisation, then read it as anyone would.
const name = `Typed client ${Date.now()}`;
const created = await signedIn.POST("/v1/organizations", {
  body: {
    name,
    country: "RS",
    city: "Čačak",
    kind: "member_cso",
    target_groups: ["people_with_disabilities", "older_people"],
    website: "https://sunce.example.org",
  },
});
expect(created.data !== undefined, `POST /v1/organizations answered ${created.response.status}`);
expect(created.response.status === 201, `created with ${created.response.status}, not 201`);
const id: string = created.data.id;
expect(
  created.response.headers.get("Location") === `/v1/organizations/${id}`,
  "Location names the new organisation",
);

const read = await api.GET("/v1/organizations/{id}", { params: { path: { id } } });
expect(read.data !== undefined, `GET /v1/organizations/{id} answered ${read.response.status}`);
const org: Organization = read.data;
expect(org.name === name && org.city === "Čačak", "the organisation reads back as created");
expect(org.status === "active" && org.version === 1, "a new organisation is active, version 1");
expect(org.registration_number === null, "a field without a value is null");
expect(read.response.headers.get("ETag") === `"${org.version}"`, "its ETag is its version");

// 4. A request that breaks rules: one answer names every field, as a form shows them.
const refused = await signedIn.POST("/v1/organizations", {
  body: {
    name: "",
    country: "RS",
    kind: "member_cso",
    email: "office at sunce",
    website: "sunce.example.org",
  },
});
expect(refused.response.status === 422, `a bad body answered ${refused.response.status}`);
expect(refused.error !== undefined, "a refused request has a problem body");
const problem: Problem = refused.error;
expect(problem.type === "/problems/validation", `problem type ${problem.type}`);
const fields = (problem.errors ?? []).map((e) => e.field).sort();
expect(
  ["email", "name", "website"].every((f) => fields.includes(f)),
  `errors[] names name, email and website (it names ${fields.join(", ")})`,
);
expect(
  problem.instance === `urn:request:${refused.response.headers.get("X-Request-Id")}`,
  "instance is the request id",
);

// 5. The problem's type is a link that explains it.
const explained = await api.GET("/problems/{name}", {
  params: { path: { name: problem.type.slice("/problems/".length) } },
});
expect(explained.data !== undefined, `GET ${problem.type} answered ${explained.response.status}`);
expect(
  explained.data.type === problem.type && explained.data.status === 422,
  "the problem type describes itself",
);

// 6. Without credentials, a write is a 401 problem the client can switch on.
const anonymous = await api.POST("/v1/organizations", {
  body: { name: "Anonymous", country: "RS", kind: "member_cso" },
});
expect(anonymous.response.status === 401, `anonymous create answered ${anonymous.response.status}`);
expect(anonymous.error?.type === "/problems/unauthenticated", "401 is /problems/unauthenticated");

console.log(`typed client: ${checks} checks passed`);
