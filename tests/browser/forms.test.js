// Forms as GOV.UK and the U.S. Web Design System do them: every mistake at
// once, in a summary that takes the focus and links to each field, and
// beside each field (marked invalid, described by its mistake); a button
// shows the password; common passwords are refused. At phone and desktop
// sizes, with axe.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, assertAccessible, resident } from "./harness.js";

for (const size of ["phone", "desktop"]) {
  describe(`forms, at ${size} size`, () => {
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

    test("registering with nothing filled in tells every mistake at once", async () => {
      await page.goto(`${server.base}/register`);
      await page.getByRole("button", { name: "Create account" }).click();
      const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });
      await summary.waitFor();
      const links = summary.getByRole("link");
      assert.deepEqual(await links.allTextContents(), [
        "Enter your email address.",
        "Enter the name to show with your comments.",
        "Choose a password of at least 10 characters.",
      ]);
      assert.equal(await page.evaluate(() => document.activeElement.classList.contains("error-summary")), true);
      for (const label of ["Email address", "Name shown with your comments", "Password"]) {
        const field = page.getByLabel(label, { exact: true });
        assert.equal(await field.getAttribute("aria-invalid"), "true", label);
      }
      // Each field is described by its own mistake.
      assert.match(await page.getByLabel("Email address").getAttribute("aria-describedby"), /email-error/);
      await assertAccessible(page, "the register form with every mistake shown");
      await summary.getByRole("link", { name: "Enter the name to show with your comments." }).click();
      assert.equal(await page.evaluate(() => document.activeElement.id), "display-name");
    });

    test("the server's refusals come field by field, a common password among them", async () => {
      const who = resident("Quinn");
      await page.goto(`${server.base}/register`);
      await page.getByLabel("Email address").fill(who.email);
      await page.getByLabel("Name shown with your comments").fill("Joy Sutton");
      await page.getByLabel("Password", { exact: true }).fill("password123");
      await page.getByRole("button", { name: "Show password" }).click();
      assert.equal(await page.getByLabel("Password", { exact: true }).getAttribute("type"), "text");
      assert.equal(await page.getByRole("button", { name: "Show password" }).getAttribute("aria-pressed"), "true");
      await page.getByRole("button", { name: "Create account" }).click();
      const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });
      await summary.getByRole("link", { name: /too like the name of Joy Sutton/ }).waitFor();
      await summary.getByRole("link", { name: /one of the most common/ }).waitFor();
      assert.equal(await page.getByLabel("Email address").getAttribute("aria-invalid"), null);
      await assertAccessible(page, "the register form with the server's refusals");

      await page.getByLabel("Name shown with your comments").fill(who.name);
      await page.getByLabel("Password", { exact: true }).fill(who.password);
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByRole("link", { name: `${who.name} (account)` }).waitFor();
    });

    test("a wrong password on signing in is said in the summary", async () => {
      await page.context().clearCookies();
      await page.goto(`${server.base}/sign-in`);
      await page.getByLabel("Email address").fill("nobody@example.org");
      await page.getByLabel("Password", { exact: true }).fill("not the password");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.getByRole("alert").getByText("That email address and password do not match an account.", { exact: false }).waitFor();
      await assertAccessible(page, "the sign-in form after a wrong password");
      assert.deepEqual(browser.problems, []);
    });
  });
}
