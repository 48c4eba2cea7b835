// With JavaScript off (blocked by a proxy, an old phone, a failed
// download), every page is still whole, and its forms work: the server
// renders each page with the app's own components and answers each form
// with a redirect or the page again with its mistakes. At phone and
// desktop sizes, with axe. (axe is a script: it reads each page as the
// browser without JavaScript has it, in a second browser whose app is
// blocked.)
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, assertAccessible, resident } from "./harness.js";

for (const size of ["phone", "desktop"]) {
  describe(`without JavaScript, at ${size} size`, () => {
    let server;
    let browser;
    let page;
    let checker;

    before(async () => {
      server = await startServer();
      browser = await openBrowser(size, { javaScript: false });
      page = browser.page;
      checker = await openBrowser(size);
      await checker.page.route(/\/assets\/.*\.(js|wasm)$/, (route) => route.abort());
    });
    after(async () => {
      await browser?.context.close();
      await checker?.context.close();
      server?.stop();
    });

    /** axe on the page as this browser has it. */
    async function accessible(what) {
      const html = await page.content();
      const url = page.url();
      await checker.page.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html", body: html }), { times: 1 });
      await checker.page.goto(url);
      await assertAccessible(checker.page, what);
    }

    test("no page waits for the app: the list, a topic, the city's pages, not found", async () => {
      for (const [path, heading, status] of [
        ["/", "Pulse", 200],
        ["/?status=closed", "Pulse", 200],
        ["/topics/body-worn-cameras", "Body Worn Cameras", 200],
        ["/pages/privacy", "Privacy notice", 200],
        ["/sign-in", "Sign in", 200],
        ["/register", "Create an account", 200],
        ["/no-such-page", "Page not found", 404],
      ]) {
        const response = await page.goto(`${server.base}${path}`);
        assert.equal(response.status(), status, path);
        await page.getByRole("heading", { level: 1, name: heading }).waitFor();
        assert.equal(await page.getByText("Loading Pulse…").count(), 0, path);
        await accessible(`${path} without JavaScript`);
      }
      // The tabs of the list are links to the list of each status.
      await page.goto(`${server.base}/`);
      await page.getByRole("tab", { name: "Closed" }).click();
      await page.waitForURL(/status=closed/);
      assert.equal(await page.getByRole("tab", { name: "Closed" }).getAttribute("aria-selected"), "true");
      await page.getByRole("link", { name: "Downtown Parking Study" }).waitFor();
    });

    test("a resident creates an account from a topic, comes back to it, signs out and in", async () => {
      const who = resident("Nadia");
      await page.goto(`${server.base}/topics/body-worn-cameras`);
      await page.getByRole("main").getByRole("link", { name: "Create an account" }).click();
      await page.getByRole("heading", { level: 1, name: "Create an account" }).waitFor();

      // Nothing filled in: every mistake at once, each field marked.
      await page.getByRole("button", { name: "Create account" }).click();
      const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });
      assert.deepEqual(await summary.getByRole("link").allTextContents(), [
        "Enter your email address.",
        "Enter the name to show with your comments.",
        "Choose a password of at least 10 characters.",
      ]);
      assert.equal(await page.getByLabel("Email address").getAttribute("aria-invalid"), "true");
      await accessible("the register form's mistakes without JavaScript");

      await page.getByLabel("Email address").fill(who.email);
      await page.getByLabel("Name shown with your comments").fill(who.name);
      await page.getByLabel("Password", { exact: true }).fill(who.password);
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL(/\/topics\/body-worn-cameras$/);
      await page.getByRole("link", { name: `${who.name} (account)` }).waitFor();
      await page.getByRole("heading", { level: 1, name: "Body Worn Cameras" }).waitFor();

      // Signing out keeps the reader where they are.
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(/\/topics\/body-worn-cameras$/);
      await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }).click();

      // A wrong password is said; the address stays.
      await page.getByLabel("Email address").fill(who.email);
      await page.getByLabel("Password", { exact: true }).fill("not the password");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.getByRole("alert").getByText("do not match an account", { exact: false }).waitFor();
      assert.equal(await page.getByLabel("Email address").inputValue(), who.email);
      assert.equal(await page.getByLabel("Password", { exact: true }).inputValue(), "");
      await accessible("the sign-in form after a wrong password, without JavaScript");

      await page.getByLabel("Password", { exact: true }).fill(who.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.waitForURL(/\/topics\/body-worn-cameras$/);
      await page.getByRole("link", { name: `${who.name} (account)` }).waitFor();
      assert.deepEqual(browser.problems, []);
    });
  });
}
