// A draft that changed, at phone and desktop sizes: the demo's Body Worn
// Cameras topic is in its second version. The topic page says so, with
// the way to what changed; the comparison marks added and removed words by
// more than colour and is axe-clean; a comment whose words were changed
// shows them as they were, and says the change it led to; an old section's
// address lands on its successor; the first version is still read whole.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, assertAccessible, shoot } from "./harness.js";

const OPEN = "/topics/body-worn-cameras";

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

let server;
before(async () => {
  server = await startServer();
});
after(() => server?.stop());

for (const size of ["phone", "desktop"]) {
  describe(`a revised draft at ${size} size`, () => {
    let browser;
    let page;
    before(async () => {
      browser = await openBrowser(size);
      page = browser.page;
    });
    after(() => browser?.context.close());

    test("the topic page says which version it is and leads to what changed", async () => {
      await page.goto(`${server.base}${OPEN}`);
      await settled(page);
      const notice = page.locator("#live .version-notice");
      await notice.getByText(/^Version 2 of the draft, published .+\. What changed$/).waitFor();
      await page.getByRole("button", { name: /^Comment on § 7 Retention \(1 comment, 1 from an earlier version\)$/ }).waitFor();
      await notice.getByRole("link", { name: "What changed" }).click();
      await page.getByRole("heading", { level: 1, name: "What changed in version 2" }).waitFor();
      assert.equal(new URL(page.url()).pathname, `${OPEN}/versions/2/changes`);
      await settled(page);

      // Each changed section: its kind, its words added and removed.
      const retention = page.locator("#live section.change#retention");
      await retention.getByText("Edited", { exact: true }).waitFor();
      const added = retention.locator("ins");
      const removed = retention.locator("del");
      assert.match(await added.first().innerText(), /one year/);
      assert.match(await removed.first().innerText(), /180/);
      // Marked by more than colour: underlined and struck through, and
      // announced.
      const decoration = (l) => l.first().evaluate((e) => getComputedStyle(e).textDecorationLine);
      assert.equal(await decoration(added), "underline");
      assert.equal(await decoration(removed), "line-through");
      assert.match(await added.first().textContent(), /^added: [\s\S]* end$/);
      // You said, we did: why, and the comment behind it.
      await retention.getByText(/^You asked for more time to ask that a recording be kept/).waitFor();
      await retention.getByRole("link", { name: /^#\d+$/ }).waitFor();
      await page.locator("#live section.change#telling-people-they-are-recorded").getByText("Renamed", { exact: true }).waitFor();
      await page.locator("#live section.change#complaints-about-recordings").getByText("Added", { exact: true }).waitFor();
      // The sections that stayed as they were are folded.
      const folded = page.locator("#live details.unchanged");
      assert.equal(await folded.getAttribute("open"), null);
      await folded.locator("summary").getByText("10 sections unchanged").waitFor();
      await assertAccessible(page, `the comparison at ${size} size`);
      await shoot(page, size, "what-changed");
    });

    test("a comment on changed words shows them as they were, and what it led to", async () => {
      await page.goto(`${server.base}${OPEN}?comments=retention#thread-retention`);
      await settled(page);
      const thread = page.getByRole("region", { name: "Comments on § 7 Retention" });
      const comment = thread.locator("article.comment").first();
      await comment.getByText("Written on version 1, on this wording:").waitFor();
      assert.equal(await comment.locator("blockquote.was-text").innerText(), "up to 180 days more");
      await comment.getByText("This comment led to a change in version 2:").waitFor();
      const led = comment.getByRole("link", { name: "see § 7" });
      assert.equal(new URL(await led.getAttribute("href"), server.base).pathname, `${OPEN}/versions/2/changes`);
      // An official answer says where its comment landed.
      await page.goto(`${server.base}${OPEN}?comments=access-and-public-release#thread-access-and-public-release`);
      await settled(page);
      const answered = page.getByRole("region", { name: "Comments on § 8 Access and public release" });
      await answered.getByText("In version 2, § 8").waitFor();
      await assertAccessible(page, `a thread of comments from version 1 at ${size} size`);
    });

    test("an old section's address lands on its successor, in the top quarter", async () => {
      await page.goto(`${server.base}${OPEN}#notifying-people`);
      await settled(page);
      const at = await page.evaluate(() => {
        const element =
          document.querySelector("#live #h-telling-people-they-are-recorded") ??
          document.querySelector("#h-telling-people-they-are-recorded");
        return element.getBoundingClientRect().top / window.innerHeight;
      });
      assert.ok(at > -0.02 && at <= 0.25, `the renamed section is at ${at.toFixed(2)} of the screen`);
    });

    test("the first version is still read whole, marked as such", async () => {
      await page.goto(`${server.base}${OPEN}/versions/1`);
      await settled(page);
      await page.locator("#live").getByText(/^This is version 1 of 2, as it was published on .+\./).waitFor();
      await page.locator("#live").getByRole("heading", { name: "§ 5 Notifying people" }).waitFor();
      // Read, not commented on: no thread buttons.
      assert.equal(await page.locator("#live").getByRole("button", { name: /^Comment on/ }).count(), 0);
      await assertAccessible(page, `version 1 at ${size} size`);
      await page.locator("#live .version-notice").getByRole("link", { name: "Read the current version" }).click();
      await page.locator("#live .version-notice").getByText(/^Version 2 of the draft/).waitFor();
    });
  });
}
