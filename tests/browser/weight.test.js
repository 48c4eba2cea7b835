// What a resident's phone downloads for the first view of a topic page, and
// what makes the app installable. The byte budget is exact and fails the
// suite; the figures are printed for the README. (How the pages hold up at
// 320 px and with large text is reflow.test.js.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser } from "./harness.js";

/**
 * The first view of a topic page may transfer at most this much, compressed.
 * Raised from 250 KB on 2026-11-26 for following a section and for paging
 * comments (about 5 KB of WASM); issue 10 asks for 200 KB, which moving
 * Markdown rendering to the server is meant to buy back. Raised again to
 * 273 KB on 2026-11-26 for the interface in English and Spanish and the
 * footer, forms, pages and landing of issue 9: every word is now a lookup
 * in the catalogue rather than text in a view's template (Spanish itself
 * is not in the WASM: it comes with a Spanish page, as data), about 19 KB
 * of WASM (brotli) in all. Raised to 282 KB on 2026-11-27 for the topic
 * page's way-finding (contents, polls inside their sections, copy link and
 * share, folded updates, the host under the title): 8.4 KB of WASM
 * (brotli), of which the section polls 1.8 KB and copying and sharing
 * 2.3 KB. Then 283 KB for the shared checks saying messages in the
 * reader's language and the city's logo (1.6 KB of WASM), of which the
 * HTML and JSON now sent in brotli paid back 1 KB. Then 287 KB on
 * 2026-12-03 for pages whole from the server with forms that work without
 * the app (issue 19): the form token, links decoded the same on both
 * sides, and the app taking over the first view's typing, choices,
 * mistakes and focus cost 4.1 KB of WASM (brotli). Then 292 KB on
 * 2026-12-03 for the topic page's forms working without the app (threads,
 * polls and the reader's subscription rendered by the server, every form
 * a real post, disclosures as <details>): 5.3 KB of WASM (brotli).
 * Issue 19's goal is 150 KB: the next step loads the app only where a
 * page needs it, which this budget will then follow down.
 */
const BUDGET_BYTES = 292 * 1024;

let server;
before(async () => {
  server = await startServer();
});
after(() => server?.stop());

test(`the first view of a topic page transfers at most ${BUDGET_BYTES / 1024} KB`, async () => {
  const { context, page } = await openBrowser("phone");
  const responses = [];
  page.on("requestfinished", (request) => responses.push(request));
  await page.goto(`${server.base}/topics/body-worn-cameras`);
  // The app's own first view, with its polls, has replaced the server's.
  await page.locator("#live:not([hidden])").waitFor();
  await page.getByRole("heading", { name: "Polls" }).waitFor();
  await page.waitForLoadState("networkidle");
  let total = 0;
  const byKind = {};
  for (const request of responses) {
    const sizes = await request.sizes();
    const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
    total += bytes;
    const url = new URL(request.url());
    const kind = url.pathname.startsWith("/api/") ? "api" : (url.pathname.match(/\.(\w+)$/)?.[1] ?? "html");
    byKind[kind] = (byKind[kind] ?? 0) + bytes;
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `first view of a topic page: ${kb(total)} in ${responses.length} requests (${Object.entries(byKind)
      .map(([k, v]) => `${k} ${kb(v)}`)
      .join(", ")})`,
  );
  await context.close();
  assert.ok(total <= BUDGET_BYTES, `${total} bytes is over the budget of ${BUDGET_BYTES}`);
});

test("the app is installable: a manifest with a name, a start URL, standalone display and icons", async () => {
  const manifest = await (await fetch(`${server.base}/manifest.webmanifest`)).json();
  assert.ok(manifest.name && manifest.short_name);
  assert.equal(manifest.start_url, "/");
  assert.equal(manifest.display, "standalone");
  for (const size of ["192x192", "512x512"]) {
    const icon = manifest.icons.find((i) => i.sizes === size);
    assert.ok(icon, `a ${size} icon`);
    const response = await fetch(`${server.base}${icon.src}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "image/png");
  }
  const index = await (await fetch(`${server.base}/`)).text();
  assert.match(index, /<link rel="manifest" href="\/manifest.webmanifest">/);
});

/**
 * The sign-in page works without the app (its form is the server's), so it
 * carries none until someone starts using it: what it may transfer, exact.
 * Issue 19's goal is 60 KB.
 */
const SIGN_IN_BUDGET_BYTES = 60 * 1024;

test(`the sign-in page transfers at most ${SIGN_IN_BUDGET_BYTES / 1024} KB, and the app comes once it is used`, async () => {
  const { context, page } = await openBrowser("phone");
  const responses = [];
  page.on("requestfinished", (request) => responses.push(request));
  await page.goto(`${server.base}/sign-in`);
  await page.waitForLoadState("networkidle");
  let total = 0;
  for (const request of responses) {
    const sizes = await request.sizes();
    total += sizes.responseBodySize + sizes.responseHeadersSize;
  }
  const wasm = responses.filter((r) => r.url().endsWith(".wasm"));
  console.log(`first view of the sign-in page: ${(total / 1024).toFixed(1)} KB in ${responses.length} requests`);
  assert.deepEqual(wasm.map((r) => r.url()), [], "no WASM before the page is used");
  assert.ok(total <= SIGN_IN_BUDGET_BYTES, `${total} bytes is over the budget of ${SIGN_IN_BUDGET_BYTES}`);
  // Starting to type brings the app, which takes what was typed on.
  await page.getByLabel("Email address").fill("ana@example.org");
  await page.locator("#live").waitFor();
  assert.equal(await page.getByLabel("Email address").inputValue(), "ana@example.org");
  assert.equal(await page.evaluate(() => document.activeElement.id), "email");
  await context.close();
});
