// Finding the way on a topic's page, at phone and desktop size: who hosts
// it near the title, the contents near the top with each section's count,
// a long update folded, a section's poll inside its section, "Comment on
// § 3" with its count, copying a section's link and sharing the topic.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, assertAccessible, shoot, register, resident } from "./harness.js";

let server;
before(async () => {
  server = await startServer();
});
after(() => server?.stop());

/** Waits for the app to take the place of the server's first view. */
async function live(page) {
  await page.locator("#live:not([hidden])").waitFor({ state: "attached", timeout: 30_000 });
}

for (const size of ["phone", "desktop"]) {
  describe(`a topic's page at ${size} size`, () => {
    let browser;
    before(async () => {
      browser = await openBrowser(size);
      // Reading the clipboard back needs the browser's permission.
      await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.base });
    });
    after(() => browser?.context.close());

    test("the host, the contents and the draft are near the top; the contents lead to each section", async () => {
      const { page } = browser;
      await page.goto(`${server.base}/topics/body-worn-cameras`);
      await live(page);
      const view = page.viewportSize();

      // Who hosts it, under the title, with a way to the full card.
      const hostLine = page.locator(".host-line");
      await hostLine.getByText(/^Hosted by Joy Sutton, /).waitFor();
      const lineBox = await hostLine.boundingBox();
      assert.ok(lineBox.y < view.height / 2, `host line at ${lineBox.y}`);
      await hostLine.getByRole("link", { name: "Contact" }).click();
      await page.waitForFunction(() => {
        const top = document.getElementById("host-title").getBoundingClientRect().top;
        return top >= 0 && top < innerHeight / 4;
      });

      // The contents: every section with its count, and the topic as a whole.
      const contents = page.getByRole("navigation", { name: "Contents" });
      const items = contents.getByRole("listitem");
      const sections = await page.locator(".draft .section").count();
      assert.equal(await items.count(), sections + 1);
      await contents.getByRole("link", { name: "§ 3 When officers record" }).waitFor();
      await contents.getByRole("link", { name: "The topic as a whole" }).waitFor();
      const contentsTop = (await contents.boundingBox()).y + (await page.evaluate(() => scrollY));
      // Within the first two screens, even on a phone.
      assert.ok(contentsTop < 2 * view.height, `contents at ${contentsTop}`);

      await contents.getByRole("link", { name: "§ 7 Retention" }).click();
      await page.waitForFunction(() => {
        const top = document.getElementById("h-retention").getBoundingClientRect().top;
        return top >= 0 && top < innerHeight / 4;
      });
      await shoot(page, size, "topic-contents");
      await assertAccessible(page, "the topic page with its contents");
    });

    test("a new comment counts in the contents and on the section's button at once", async () => {
      const { page } = browser;
      await register(page, server.base, resident(`Way${size}`));
      await page.goto(`${server.base}/topics/body-worn-cameras`);
      await live(page);
      const contents = page.getByRole("navigation", { name: "Contents" });
      const count = contents.getByRole("listitem").filter({ hasText: "§ 6 Privacy" }).locator(".count");
      const before = Number((await count.textContent()).match(/\d+/)[0]);
      const comments = (n) => `${n} comment${n === 1 ? "" : "s"}`;
      const button = page.getByRole("button", { name: `Comment on § 6 Privacy (${comments(before)})`, exact: true });
      // The words on screen are the action, the count beside them.
      assert.equal(await button.locator(".count").textContent(), `(${comments(before)})`);
      await button.click();
      const thread = page.getByRole("region", { name: "Comments on § 6 Privacy" });
      await thread.getByLabel("Your comment", { exact: true }).fill(`Keep the footage of bystanders private (${size}).`);
      await thread.getByRole("button", { name: "Post comment" }).click();
      await page.getByRole("button", { name: `Comment on § 6 Privacy (${comments(before + 1)})`, exact: true }).waitFor();
      assert.equal(await count.textContent(), comments(before + 1));
      // The server counts it too.
      const topic = await fetch(`${server.base}/api/v1/topics/body-worn-cameras`).then((r) => r.json());
      assert.equal(topic.draft.sections.find((s) => s.anchor === "privacy").comment_count, before + 1);
    });

    test("a long update is folded, and opens whole", async () => {
      const { page } = browser;
      await page.goto(`${server.base}/topics/body-worn-cameras`);
      await live(page);
      const update = page.locator(".update").first();
      const more = update.getByText("Read the whole update");
      await more.waitFor();
      const answer = update.getByText(/Can we be assured that the videos are not being edited/);
      assert.equal(await answer.isVisible(), false);
      await more.click();
      await answer.waitFor({ state: "visible" });
      await assertAccessible(page, "an update opened whole");
    });

    test("a section's poll is inside its section; the topic's poll stays with the topic", async () => {
      const { page } = browser;
      await page.goto(`${server.base}/topics/body-worn-cameras`);
      await live(page);
      const section = page.locator("#when-officers-record");
      const poll = section.getByRole("article", { name: "Which contacts matter most to you to have on camera?" });
      await poll.getByText("Poll on this section").waitFor();
      assert.equal(await poll.locator("h4").count(), 1);
      const topicPolls = page.getByRole("region", { name: "Polls" });
      await topicPolls.getByRole("article", { name: "How long should recordings with no evidentiary value be kept?" }).waitFor();
      assert.equal(await topicPolls.getByRole("article", { name: /Which contacts/ }).count(), 0);
    });

    test("copying a section's link, and sharing the topic, put its address on the clipboard", async () => {
      const { page, problems } = browser;
      await page.goto(`${server.base}/topics/body-worn-cameras`);
      await live(page);
      const copy = page.getByRole("button", { name: "Copy link to § 7 Retention" });
      await copy.click();
      await page.locator("#retention").getByRole("status").getByText("Link copied.").waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${server.base}/topics/body-worn-cameras#retention`);

      // Headless Chromium has no share sheet: the topic's link is copied.
      await page.getByRole("button", { name: "Share this topic" }).click();
      await page.locator(".topic-header").getByRole("status").getByText("Link copied.").waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${server.base}/topics/body-worn-cameras`);
      await assertAccessible(page, "a link copied");
      assert.deepEqual(problems, []);
    });
  });
}
