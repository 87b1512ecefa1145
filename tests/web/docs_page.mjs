// Opens GET /docs of a running gateway in headless Chromium (Debian's /usr/bin/chromium, driven
// by playwright-core; no browser is downloaded) and checks what a reader gets: every tag and
// every operation of the gateway's OpenAPI document on the rendered page, one operation opened
// with its schema, and not one Content-Security-Policy violation, script error or failed
// request on the way. A violation provoked at the end proves they would have been seen.
// Usage: node docs_page.mjs BASE_URL. Prints ok:/FAILED: lines; exit status 0: all passed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { chromium } from "playwright-core";

const base = process.argv[2];
if (!base) {
  console.error("usage: node docs_page.mjs BASE_URL");
  process.exit(2);
}

let failed = 0;
const pass = (what) => console.log(`ok: ${what}`);
const fail = (what) => {
  failed++;
  console.log(`FAILED: ${what}`);
};
const check = (ok, what) => (ok ? pass(what) : fail(what));

// What the page must show: the document the gateway serves, which the page itself loads.
const doc = await (await fetch(`${base}/v1/openapi.json`)).json();
const tags = new Set((doc.tags ?? []).map((t) => t.name));
const operations = [];
for (const item of Object.values(doc.paths)) {
  for (const op of Object.values(item)) {
    if (op && typeof op === "object" && op.operationId) {
      for (const tag of op.tags ?? []) {
        tags.add(tag);
        operations.push({ tag, id: op.operationId });
      }
    }
  }
}

// The policy is the gateway's to send; without it a clean console would prove nothing.
const head = await fetch(`${base}/docs`, { method: "HEAD" });
const csp = head.headers.get("content-security-policy") ?? "";
check(
  head.status === 200 && /(^|;)\s*script-src 'self'\s*(;|$)/.test(csp) && !csp.includes("unsafe"),
  `HEAD /docs answers 200 with a strict Content-Security-Policy (${csp || "none"})`,
);

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "iris-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const violations = []; // console reports and securitypolicyviolation events alike
const errors = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(`console: ${m.text()}`);
    else if (m.type() === "error") errors.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`script error: ${e.message}`));
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} for ${r.url()}`);
    else if (!r.url().startsWith(base) && !r.url().startsWith("data:")) {
      errors.push(`a request left the gateway: ${r.url()}`);
    }
  });
  await page.exposeFunction("irisViolation", (v) => violations.push(`event: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      window.irisViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`),
    );
  });

  const started = Date.now();
  await page.goto(`${base}/docs`);
  try {
    await page.waitForSelector(".opblock-tag", { timeout: 30000 });
    pass(`Swagger UI rendered the document in ${Date.now() - started} ms`);
  } catch {
    fail("Swagger UI renders the document within 30 s");
  }
  // Swagger UI renders a long document virtually (150 tags and operations or more: only what
  // is in view is in the DOM), so the page is read as a reader scrolls it, top to bottom.
  const shown = new Set();
  const ids = new Set();
  let text = "";
  for (let step = 0; step < 1000; step++) {
    const part = await page.evaluate(() => ({
      tags: [...document.querySelectorAll(".opblock-tag")].map((e) => e.getAttribute("data-tag")),
      ids: [...document.querySelectorAll(".opblock")].map((e) => e.id),
      text: document.querySelector("#swagger-ui").innerText,
      end: window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2,
    }));
    part.tags.forEach((t) => shown.add(t));
    part.ids.forEach((i) => ids.add(i));
    text += `\n${part.text}`;
    if (part.end) break;
    await page.evaluate(() => window.scrollBy(0, Math.floor(window.innerHeight * 0.7)));
    await page.waitForTimeout(40);
  }
  const missingTags = [...tags].filter((t) => !shown.has(t) || !text.includes(t));
  check(missingTags.length === 0, `every tag of the document is on the page (${[...tags].join(", ")})` +
    (missingTags.length ? `; missing: ${missingTags.join(", ")}` : ""));
  const missingOps = operations.filter((o) => !ids.has(`operations-${o.tag}-${o.id}`));
  check(missingOps.length === 0, `all ${operations.length} operations are listed` +
    (missingOps.length ? `; missing: ${missingOps.map((o) => o.id).join(", ")}` : ""));

  // Opened, an operation renders its parameters, body schema and examples: more of Swagger UI
  // that must run under the policy.
  const op = operations.find((o) => o.id === "createOrganization") ?? operations[0];
  const block = `#operations-${op.tag}-${op.id}`;
  // Scrolled into view from the top, as a reader finds it (the list is virtual).
  await page.evaluate(() => window.scrollTo(0, 0));
  for (let step = 0; step < 1000 && (await page.$(block)) === null; step++) {
    await page.evaluate(() => window.scrollBy(0, Math.floor(window.innerHeight * 0.7)));
    await page.waitForTimeout(40);
  }
  await page.click(`${block} .opblock-summary`);
  try {
    await page.waitForSelector(`${block} .opblock-body .responses-wrapper`, { timeout: 10000 });
    pass(`${op.id} opens with its request and responses`);
  } catch {
    fail(`${op.id} opens with its request and responses within 10 s`);
  }
  await page.waitForLoadState("networkidle");

  check(violations.length === 0, "no Content-Security-Policy violation" +
    (violations.length ? `:\n  ${violations.join("\n  ")}` : ""));
  check(errors.length === 0, "no script error, failed request or request elsewhere" +
    (errors.length ? `:\n  ${errors.join("\n  ")}` : ""));

  // The control: an inline script, which the policy forbids, is reported by both channels.
  await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.irisInlineRan = true;";
    document.body.appendChild(s);
  });
  await page.waitForTimeout(200);
  const ran = await page.evaluate(() => window.irisInlineRan === true);
  check(
    !ran && violations.some((v) => v.startsWith("event:")) && violations.some((v) => v.startsWith("console:")),
    "an inline script is blocked, and the violation is seen (so none above means none happened)",
  );
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(`docs page: ${failed === 0 ? "all checks passed" : `${failed} checks failed`}`);
process.exit(failed === 0 ? 0 : 1);
