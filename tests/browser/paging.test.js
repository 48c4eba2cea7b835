// A long thread comes in pages: the first 50 threads with the section, the
// rest on "Show more comments", without losing what the reader has open;
// a comment posted at the end shows at once.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, assertAccessible, resident, register } from "./harness.js";

const OPEN = "/topics/body-worn-cameras";

describe("a thread longer than a page, at phone size", () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await startServer(["--rate-limits", "comments_per_account=1000"]);
    browser = await openBrowser("phone");
    page = browser.page;
  });
  after(async () => {
    await browser?.context.close();
    server?.stop();
  });

  test("the first 50 threads show, then the rest on Show more comments", async () => {
    const who = resident("Pat");
    await register(page, server.base, who);
    for (let n = 1; n <= 55; n++) {
      const posted = await page.request.post(`${server.base}/api/v1${OPEN}/comments`, {
        data: { section: "definitions", body: `Thread number ${n}.` },
        headers: { origin: server.base },
      });
      assert.equal(posted.status(), 201);
    }
    await page.goto(`${server.base}${OPEN}`);
    await page.getByRole("button", { name: /^Comment on § 2 Definitions \(55 comments\)$/ }).tap();
    const thread = page.getByRole("region", { name: "Comments on § 2 Definitions" });
    await thread.getByText("Thread number 50.", { exact: true }).waitFor();
    assert.equal(await thread.getByText("Thread number 51.", { exact: true }).count(), 0);
    const more = thread.getByRole("button", { name: "Show more comments" });
    await more.tap();
    await thread.getByText("Thread number 55.", { exact: true }).waitFor();
    await thread.getByText("More comments shown.").waitFor();
    await more.waitFor({ state: "detached" });
    assert.equal(await thread.locator(".comment-thread").count(), 55);
    await assertAccessible(page, "a thread with every page shown");

    await thread.getByLabel("Your comment", { exact: true }).fill("Thread number 56.");
    await thread.getByRole("button", { name: "Post comment" }).tap();
    await thread.getByText("Thread number 56.", { exact: true }).waitFor();
    assert.equal(await thread.locator(".comment-thread").count(), 56);
    assert.deepEqual(browser.problems, []);
  });
});
