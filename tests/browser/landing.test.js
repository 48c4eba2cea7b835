// A link lands where it points, at phone and desktop sizes: a section's
// address (#retention) puts its heading in the top quarter of the screen
// once the page has settled — also on a slow phone on a slow network,
// while the app replaces the server's first view — and signing in or
// creating an account from a section's thread comes back to that thread,
// open, on screen. "Sign in to vote" comes back to the poll.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, assertAccessible, resident } from "./harness.js";

const OPEN = "/topics/body-worn-cameras";

/** Where `selector` is, as a share of the screen's height from its top. */
async function placeOf(page, selector) {
  return page.evaluate((s) => {
    const element = document.querySelector(`#live ${s}`) ?? document.querySelector(s);
    return element.getBoundingClientRect().top / window.innerHeight;
  }, selector);
}

/** Waits until the app has taken over and nothing has moved for a while. */
async function settled(page) {
  await page.locator("#live:not([hidden])").waitFor({ state: "attached", timeout: 30_000 });
  let last = null;
  for (let i = 0; i < 20; i += 1) {
    const now = await page.evaluate(() => [window.scrollY, document.body.scrollHeight].join(","));
    if (now === last) return;
    last = now;
    await page.waitForTimeout(250);
  }
}

for (const size of ["phone", "desktop"]) {
  describe(`links land where they point, at ${size} size`, () => {
    let server;
    let browser;
    let page;

    before(async () => {
      server = await startServer();
      browser = await openBrowser(size);
      page = browser.page;
    });
    after(async () => {
      await browser?.context.close();
      server?.stop();
    });

    for (const anchor of ["retention", "redaction", "when-officers-record"]) {
      test(`#${anchor} lands with its heading in the top quarter`, async () => {
        await page.goto(`${server.base}${OPEN}#${anchor}`);
        await settled(page);
        const at = await placeOf(page, `#h-${anchor}`);
        assert.ok(at > -0.02 && at <= 0.25, `#h-${anchor} is at ${at.toFixed(2)} of the screen`);
      });
    }

    test("on a slow phone and a slow network, the section still lands", async () => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8,
      });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      try {
        await page.goto(`${server.base}${OPEN}#retention`, { timeout: 60_000 });
        await settled(page);
        const at = await placeOf(page, "#h-retention");
        assert.ok(at > -0.02 && at <= 0.25, `#h-retention is at ${at.toFixed(2)} of the screen`);
      } finally {
        await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
        await cdp.detach();
      }
    });

    test("signing in from a thread comes back to it, open", async () => {
      const who = resident("Rosa");
      // An account to sign in to, made without this browser.
      const made = await page.request.post(`${server.base}/api/v1/accounts`, {
        data: { email: who.email, display_name: who.name, password: who.password },
        headers: { origin: server.base },
      });
      assert.equal(made.status(), 201);
      await page.context().clearCookies();
      await page.goto(`${server.base}${OPEN}`);
      await page.getByRole("button", { name: /^Comment on § 7 Retention \(/ }).click();
      const thread = page.getByRole("region", { name: "Comments on § 7 Retention" });
      await thread.getByRole("link", { name: "Sign in", exact: true }).click();
      await page.getByLabel("Email address").fill(who.email);
      await page.getByLabel("Password", { exact: true }).fill(who.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await thread.getByLabel("Your comment", { exact: true }).waitFor();
      assert.equal(new URL(page.url()).hash, "#thread-retention");
      await settled(page);
      const at = await placeOf(page, "#thread-retention");
      assert.ok(at > -0.02 && at <= 0.25, `the thread is at ${at.toFixed(2)} of the screen`);
      await assertAccessible(page, "back in the thread after signing in");
    });

    test("creating an account from a thread comes back to it, open", async () => {
      const who = resident("Sol");
      await page.context().clearCookies();
      await page.goto(`${server.base}${OPEN}`);
      await page.getByRole("button", { name: /^Comment on § 3 When officers record \(/ }).click();
      const thread = page.getByRole("region", { name: "Comments on § 3 When officers record" });
      await thread.getByRole("link", { name: "create an account" }).click();
      await page.getByLabel("Email address").fill(who.email);
      await page.getByLabel("Name shown with your comments").fill(who.name);
      await page.getByLabel("Password", { exact: true }).fill(who.password);
      await page.getByRole("button", { name: "Create account" }).click();
      await thread.getByLabel("Your comment", { exact: true }).waitFor();
      await settled(page);
      const at = await placeOf(page, "#thread-when-officers-record");
      assert.ok(at > -0.02 && at <= 0.25, `the thread is at ${at.toFixed(2)} of the screen`);
      assert.deepEqual(browser.problems, []);
    });
  });
}
