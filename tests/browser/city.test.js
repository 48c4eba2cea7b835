// The city's own pages: every page's footer links to the privacy notice,
// the comment policy, the accessibility statement, the contact page and
// the city's website; each opens, reads as the city wrote it, and passes
// axe. The forms say that comments are public.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, assertAccessible } from "./harness.js";

for (const size of ["phone", "desktop"]) {
  describe(`the city's pages, at ${size} size`, () => {
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

    test("the footer links to each of the city's pages", async () => {
      await page.goto(`${server.base}/topics/body-worn-cameras`);
      await page.locator("#live:not([hidden])").waitFor({ state: "attached" });
      const footer = page.getByRole("navigation", { name: "About this site" });
      assert.equal(
        await footer.getByRole("link", { name: "City of Shakopee" }).getAttribute("href"),
        "https://www.shakopeemn.gov",
      );
      for (const [link, heading] of [
        ["Privacy notice", "Privacy notice"],
        ["Comment and moderation policy", "Comment and moderation policy"],
        ["Accessibility statement", "Accessibility statement"],
        ["Contact", "Contact"],
      ]) {
        await page.getByRole("navigation", { name: "About this site" }).getByRole("link", { name: link }).click();
        await page.getByRole("heading", { level: 1, name: heading }).waitFor();
        assert.equal(await page.title(), `${heading} · Pulse`);
        await assertAccessible(page, `the city's page “${heading}”`);
      }
      // Opened directly, the server's first view is the same page.
      await page.goto(`${server.base}/pages/privacy`);
      await page.getByText("Comments are public.", { exact: false }).first().waitFor();
      assert.deepEqual(browser.problems, []);
    });

    test("the registration form says comments are public", async () => {
      await page.goto(`${server.base}/register`);
      await page.getByText("Comments and the name you choose are public", { exact: false }).waitFor();
    });
  });
}
