// With JavaScript off (blocked by a proxy, an old phone, a failed
// download), every page is still whole, and its forms work: the server
// renders each page with the app's own components and answers each form
// with a redirect or the page again with its mistakes. At phone and
// desktop sizes, with axe. (axe is a script: it reads each page as the
// browser without JavaScript has it, in a second browser whose app is
// blocked.)
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { request } from "playwright-core";
import { startServer, openBrowser, assertAccessible, resident, register, signIn, demoHost } from "./harness.js";

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

    test("no page waits for the app: the list, a topic, its versions, the city's pages, the forms, the report, mailed links, not found", async () => {
      for (const [path, heading, status] of [
        ["/", "Pulse", 200],
        ["/?status=closed", "Pulse", 200],
        ["/topics/body-worn-cameras", "Body Worn Cameras", 200],
        ["/pages/privacy", "Privacy notice", 200],
        ["/sign-in", "Sign in", 200],
        ["/register", "Create an account", 200],
        ["/account", "Your account", 200],
        ["/reset-password", "Forgotten password", 200],
        ["/topics/downtown-parking-study/report", "Report for council: Downtown Parking Study", 200],
        ["/topics/body-worn-cameras/versions/1", "Body Worn Cameras", 200],
        ["/topics/body-worn-cameras/versions/2/changes", "What changed in version 2", 200],
        ["/topics/body-worn-cameras/versions/3/changes", "Topic not available", 404],
        ["/unsubscribe/no-such-link", "Unsubscribe", 404],
        ["/account/verify?token=no-such-token", "Your email address", 410],
        ["/subscriptions/confirm?token=no-such-token", "Your subscription", 410],
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

    test("a resident comments on § 3, replies, edits, withdraws, votes and follows", async () => {
      const who = resident("Omar");
      await register(page, server.base, who);
      await page.goto(`${server.base}/topics/body-worn-cameras`);
      // The section's button is a link to the page with its thread open.
      await page.getByRole("link", { name: /^Comment on § 3 When officers record \(/ }).click();
      await page.waitForURL(/\?comments=when-officers-record#thread-when-officers-record$/);
      const thread = page.getByRole("region", { name: "Comments on § 3 When officers record" });

      // Nothing written: the page again, the mistake at its top and on the form.
      await thread.getByRole("button", { name: "Post comment" }).click();
      const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });
      await summary.getByRole("link", { name: "Write something before posting your comment." }).waitFor();
      await thread.getByRole("alert").getByText("Write something before posting your comment.").waitFor();
      await accessible("an empty comment refused, without JavaScript");

      // Quoting words of the section, typed rather than selected.
      await thread.getByText("Quote words of this section (optional)").click();
      await thread.getByLabel("The words you are answering").fill("uses of force, and any contact");
      await thread.getByLabel("Your comment", { exact: true }).fill("Record every call, no exceptions.");
      await thread.getByRole("button", { name: "Post comment" }).click();
      await page.waitForURL(/\?comments=when-officers-record#comment-\d+$/);
      await thread.locator(".prose").getByText("Record every call, no exceptions.").waitFor();
      await page.getByRole("link", { name: /^Comment on § 3 When officers record \(1 comment\)$/ }).waitFor();

      await thread.locator("summary", { hasText: `Reply to ${who.name}` }).click();
      await thread.getByLabel("Your reply", { exact: true }).fill("And keep the footage 180 days.");
      await thread.getByRole("button", { name: "Post reply" }).click();
      await thread.locator(".prose").getByText("And keep the footage 180 days.").waitFor();

      await thread.locator("summary", { hasText: /^Edit$/ }).first().click();
      await thread.getByLabel("Edit your comment").first().fill("Record every call.");
      await thread.getByRole("button", { name: "Save changes" }).first().click();
      await thread.locator(".prose").getByText("Record every call.", { exact: true }).waitFor();
      await thread.getByText("· edited").waitFor();

      await thread.locator("summary", { hasText: /^Withdraw$/ }).nth(1).click();
      await thread.getByRole("button", { name: "Withdraw it" }).click();
      await thread.getByText("Withdrawn by its author.").waitFor();
      await accessible("a thread after commenting, without JavaScript");

      const poll = page.getByRole("article", { name: "How long should recordings with no evidentiary value be kept?" });
      await poll.getByRole("button", { name: "Vote" }).click();
      await poll.getByRole("alert").getByText("Choose", { exact: false }).waitFor();
      await poll.getByLabel("180 days").check();
      await poll.getByRole("button", { name: "Vote" }).click();
      await page.waitForURL(/\?voted=\d+#poll-\d+$/);
      await poll.getByText("Your vote has been recorded.").waitFor();
      await poll.getByText("180 days (your choice)").waitFor();
      await poll.getByRole("button", { name: "Change my vote" }).waitFor();

      const follow = page.getByRole("region", { name: "Follow this topic" });
      await follow.getByRole("button", { name: "Subscribe" }).click();
      await page.waitForURL(/#follow$/);
      await follow.getByText("You are subscribed.").waitFor();
      await accessible("a topic voted on and followed, without JavaScript");
      // The account page, whole: what is followed, said and voted.
      await page.goto(`${server.base}/account`);
      await page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
      await page.getByRole("link", { name: "Body Worn Cameras" }).first().waitFor();
      await page.getByText("Record every call.", { exact: true }).waitFor();
      await page.getByText(/^Receipt \d+ · [0-9a-f]{64}$/).first().waitFor();
      await page.getByText("180 days", { exact: true }).waitFor();
      await accessible("the account page without JavaScript");
      // Its forms too: one email a day, a name refused and then changed.
      await page.getByLabel("One email a day").check();
      await page.getByRole("button", { name: "Save how often for Body Worn Cameras" }).click();
      await page.waitForURL(/\/account\?done=following#following$/);
      await page.getByText("Saved. The list below is how you follow topics now.").waitFor();
      assert.equal(await page.getByLabel("One email a day").isChecked(), true);
      await page.getByLabel("Name shown with your comments").fill("");
      await page.getByRole("button", { name: "Save the name" }).click();
      await page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) }).waitFor();
      assert.equal(await page.getByLabel("Name shown with your comments").getAttribute("aria-invalid"), "true");
      await accessible("a name refused on the account page, without JavaScript");
      await page.getByLabel("Name shown with your comments").fill(`${who.name} B.`);
      await page.getByRole("button", { name: "Save the name" }).click();
      await page.waitForURL(/\/account\?done=name$/);
      await page.getByText("Your name is changed, on your comments too.").waitFor();
      await page.getByRole("link", { name: `${who.name} B. (account)` }).waitFor();
      await page.goto(`${server.base}/topics/body-worn-cameras#follow`);
      await follow.getByRole("button", { name: "Unsubscribe" }).click();
      await follow.getByRole("button", { name: "Subscribe" }).waitFor();

      // Another resident agrees with the comment and flags it.
      await page.getByRole("button", { name: "Sign out" }).click();
      await register(page, server.base, resident("Pia"));
      await page.goto(`${server.base}/topics/body-worn-cameras?comments=when-officers-record`);
      await thread.getByRole("button", { name: "Agree · 0", exact: true }).click();
      const agreed = thread.getByRole("button", { name: "Agree · 1", exact: true });
      await agreed.waitFor();
      assert.equal(await agreed.getAttribute("aria-pressed"), "true");
      await thread.locator("summary", { hasText: /^Flag to the host$/ }).click();
      await thread.getByLabel("What is wrong with this comment?").fill("Off topic");
      await thread.getByRole("button", { name: "Send flag" }).click();
      await thread.getByText("Flagged. Thank you: the topic host will look at it.").waitFor();
      assert.deepEqual(browser.problems, []);
    });

    test("an address follows a topic, and a closed topic refuses a comment", async () => {
      await page.context().clearCookies();
      await page.goto(`${server.base}/topics/body-worn-cameras`);
      const follow = page.getByRole("region", { name: "Follow this topic" });
      await follow.getByLabel("Your email address").fill(resident("Quinn").email);
      await follow.getByRole("button", { name: "Subscribe" }).click();
      await page.waitForURL(/\?follow=sent#follow$/);
      await follow.getByText("a message is on its way", { exact: false }).waitFor();

      // A form loaded while the topic was open, sent after its close.
      const who = resident("Rae");
      await register(page, server.base, who);
      await page.goto(`${server.base}/topics/downtown-parking-study`);
      const token = await page.locator("input[name=csrf]").first().inputValue();
      const sent = await page.request.post(`${server.base}/topics/downtown-parking-study?comments=general`, {
        form: { csrf: token, do: "comment", form: "comment-general-0", section: "general", body: "Too late?" },
        maxRedirects: 0,
      });
      assert.equal(sent.status(), 403);
      assert.match(await sent.text(), /deadline/i);
      assert.deepEqual(browser.problems, []);
    });

    test("the host hides a comment and answers another", async () => {
      // A resident's two comments, sent by the API as the app would.
      const api = await request.newContext({ baseURL: server.base });
      const sol = resident("Sol");
      assert.equal((await api.post("/api/v1/accounts", { data: { email: sol.email, display_name: sol.name, password: sol.password } })).status(), 201);
      for (const body of [`Never mute the camera (${size}).`, `You are all idiots (${size}).`]) {
        const sent = await api.post("/api/v1/topics/body-worn-cameras/comments", { data: { section: "general", body } });
        assert.equal(sent.status(), 201);
      }
      await api.dispose();

      await page.context().clearCookies();
      await signIn(page, server.base, demoHost);
      await page.goto(`${server.base}/topics/body-worn-cameras/host`);
      await page.getByRole("heading", { level: 1, name: "Host tools: Body Worn Cameras" }).waitFor();
      const rude = page.getByRole("article").filter({ hasText: `You are all idiots (${size}).` }).first();
      await rude.getByLabel("Reason for hiding (shown in its place)").fill("Insults other residents");
      await rude.getByRole("button", { name: "Hide", exact: true }).click();
      await page.waitForURL(/\/host\?done=hidden#item-\d+$/);
      await page.getByRole("status").getByText("Comment hidden.").waitFor();

      const kind = page.getByRole("article").filter({ hasText: `Never mute the camera (${size}).` }).first();
      // No status is chosen for the host: posting without one is refused,
      // what was typed kept.
      await kind.getByLabel("Your answer (Markdown)").fill(`Added to § 3 (${size}).`);
      await kind.getByRole("button", { name: "Post official response" }).click();
      await page.getByText(/Choose what the response says about the comment/).first().waitFor();
      const again = page.getByRole("article").filter({ hasText: `Never mute the camera (${size}).` }).first();
      assert.equal(await again.getByLabel("Your answer (Markdown)").inputValue(), `Added to § 3 (${size}).`);
      await again.getByLabel("Official response").selectOption({ label: "Adopted" });
      await again.getByRole("button", { name: "Post official response" }).click();
      await page.waitForURL(/\/host\?done=responded#item-\d+$/);
      await accessible("the host's page after deciding, without JavaScript");

      await page.goto(`${server.base}/topics/body-worn-cameras?comments=general`);
      const thread = page.getByRole("region", { name: "Comments on the topic as a whole" });
      await thread.getByText(`Added to § 3 (${size}).`).waitFor();
      await thread.getByText("Hidden by the topic host: Insults other residents", { exact: false }).waitFor();
      assert.deepEqual(browser.problems, []);
    });
  });
}
