// What a resident's phone downloads for the first view of a topic page, and
// what makes the app installable. The byte budget is exact and fails the
// suite; the figures are printed for the README. (How the pages hold up at
// 320 px and with large text is reflow.test.js.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser } from "./harness.js";

/**
 * The first view of a topic page may transfer at most this much, compressed
 * (everything until the network is idle). Issue 19's goal is 150 KB. The
 * page is whole from the server and every form on it works without the
 * app, so the app (about 265 KB of WASM, brotli) comes only once the page
 * is used: the budget is the HTML, the style and the few lines that load
 * the app (14.5 KB on 2026-12-03). (Its history, when the app came with the page: 250 KB, raised
 * step by step to 292 KB by 2026-12-03; see CHANGELOG.md.)
 */
const BUDGET_BYTES = 20 * 1024;

let server;
before(async () => {
  server = await startServer();
});
after(() => server?.stop());

/** Everything `page` transferred, by kind, as `requests` finished. */
async function weigh(requests) {
  let total = 0;
  const byKind = {};
  for (const request of requests) {
    const sizes = await request.sizes();
    const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
    total += bytes;
    const url = new URL(request.url());
    const kind = url.pathname.startsWith("/api/") ? "api" : (url.pathname.match(/\.(\w+)$/)?.[1] ?? "html");
    byKind[kind] = (byKind[kind] ?? 0) + bytes;
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const kinds = Object.entries(byKind).map(([k, v]) => `${k} ${kb(v)}`).join(", ");
  return { total, said: `${kb(total)} in ${requests.length} requests (${kinds})` };
}

test(`the first view of a topic page transfers at most ${BUDGET_BYTES / 1024} KB, and the app comes once it is used`, async () => {
  const { context, page, problems } = await openBrowser("phone", { onlyReads: true });
  const requests = [];
  page.on("requestfinished", (request) => requests.push(request));
  await page.goto(`${server.base}/topics/body-worn-cameras`);
  await page.getByRole("heading", { name: "Polls" }).waitFor();
  await page.waitForLoadState("networkidle");
  const { total, said } = await weigh(requests);
  console.log(`first view of a topic page: ${said}`);
  assert.deepEqual(requests.filter((r) => r.url().endsWith(".wasm")).map((r) => r.url()), [], "no WASM before the page is used");
  assert.ok(total <= BUDGET_BYTES, `${total} bytes is over the budget of ${BUDGET_BYTES}`);
  // A tap on a link, whose page is about to go, brings no app: not even
  // the few lines that start it.
  const asked = [];
  page.on("request", (request) => asked.push(request.url()));
  await page.locator("main a[href]").first().dispatchEvent("pointerdown");
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  assert.deepEqual(asked.filter((u) => /\/(boot|pulse)-[0-9a-f]+\.(js|wasm)$/.test(u)), [], "no app for a link");
  // Starting to type brings the app, which takes what was typed on, and
  // the focus, and the place on the page.
  const follow = page.getByRole("region", { name: "Follow this topic" });
  await follow.getByLabel("Your email address").fill("ana@example.org");
  await page.locator("#live:not([hidden])").waitFor();
  assert.ok(requests.some((r) => r.url().endsWith(".wasm")), "the app came");
  assert.equal(await follow.getByLabel("Your email address").inputValue(), "ana@example.org");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("type")), "email");
  assert.ok(await follow.getByLabel("Your email address").isVisible());
  assert.deepEqual(problems, []);
  await context.close();
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
 * Issue 19's goal is 60 KB; it is about 9 KB.
 */
const SIGN_IN_BUDGET_BYTES = 12 * 1024;

test(`the sign-in page transfers at most ${SIGN_IN_BUDGET_BYTES / 1024} KB, and the app comes once it is used`, async () => {
  const { context, page } = await openBrowser("phone", { onlyReads: true });
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
