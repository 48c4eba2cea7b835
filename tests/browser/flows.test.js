// What a resident does, in a real browser, at a desktop and at a phone size.
// Elements are found as assistive technology finds them: by role and name.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, shoot, assertAccessible, resident, register, appReady } from "./harness.js";

const OPEN = "/topics/body-worn-cameras";
const CLOSED = "/topics/downtown-parking-study";

for (const size of ["desktop", "phone"]) {
  describe(`at ${size} size`, () => {
    let server;
    let browser;
    let page;

    // On the phone, fingers: taps rather than clicks.
    const press = (locator) => (size === "phone" ? locator.tap() : locator.click());

    before(async () => {
      server = await startServer();
      browser = await openBrowser(size);
      page = browser.page;
    });
    after(async () => {
      await browser?.context.close();
      server?.stop();
    });

    test("the topic list has keyboard-operable status tabs", async () => {
      await page.goto(server.base);
      await page.getByRole("heading", { level: 1, name: "City of Shakopee Pulse" }).waitFor();
      const open = page.getByRole("tab", { name: "Currently Open" });
      assert.equal(await open.getAttribute("aria-selected"), "true");
      await page.getByRole("link", { name: "Body Worn Cameras" }).waitFor();
      await assertAccessible(page, "the topic list");
      await shoot(page, size, "topics-open");

      await open.focus();
      await page.keyboard.press("ArrowRight");
      const closed = page.getByRole("tab", { name: "Closed" });
      assert.equal(await closed.getAttribute("aria-selected"), "true");
      await page.getByRole("link", { name: "Downtown Parking Study" }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Closed");
      await page.keyboard.press("ArrowRight");
      await page.getByRole("link", { name: "Parks and Trails Plan 2027–2037" }).waitFor();
      await shoot(page, size, "topics-upcoming");
    });

    test("links open pages in the app and the back button returns", async () => {
      await page.goto(server.base);
      await press(page.getByRole("link", { name: "Body Worn Cameras" }));
      await page.getByRole("heading", { level: 1, name: "Body Worn Cameras" }).waitFor();
      assert.equal(new URL(page.url()).pathname, "/topics/body-worn-cameras");
      assert.equal(await page.title(), "Body Worn Cameras · Pulse");
      await page.goBack();
      await page.getByRole("heading", { level: 1, name: "City of Shakopee Pulse" }).waitFor();
      await press(page.getByRole("tab", { name: "Closed" }));
      await page.getByRole("link", { name: "Downtown Parking Study" }).waitFor();
      await page.goBack();
      await page.getByRole("link", { name: "Body Worn Cameras" }).waitFor();
      assert.equal(await page.getByRole("tab", { name: "Currently Open" }).getAttribute("aria-selected"), "true");
    });

    test("a press that spans the app's arrival still follows its link", async () => {
      // The app takes the server's first view's place once it has its
      // data: pressed before and released after, a link would be taken
      // from under the finger, and the browser would follow nothing.
      // The app's list is held back until the press has begun.
      const isList = (url) => new URL(url).pathname === "/api/v1/topics";
      let release;
      const held = new Promise((done) => (release = done));
      await page.route(isList, async (route) => {
        await held;
        await route.continue();
      });
      const asked = page.waitForRequest((r) => isList(r.url()));
      const listed = page.waitForResponse((r) => isList(r.url()));
      await page.goto(server.base);
      await asked;
      const box = await page.getByRole("link", { name: "Body Worn Cameras" }).boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      release();
      await listed;
      await page.unroute(isList);
      // The frames in which the app would have taken its place.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)))));
      assert.notEqual(await page.evaluate(() => document.documentElement.dataset.app), "ready", "the swap waits for the release");
      await page.mouse.up();
      await page.getByRole("heading", { level: 1, name: "Body Worn Cameras" }).waitFor();
      assert.equal(new URL(page.url()).pathname, "/topics/body-worn-cameras");
    });

    test("the skip link takes the keyboard past the header", async () => {
      await page.goto(`${server.base}/topics/body-worn-cameras`);
      await page.locator("#live:not([hidden])").waitFor();
      await page.keyboard.press("Tab");
      const skip = page.getByRole("link", { name: "Skip to content" });
      assert.equal(await skip.evaluate((e) => e === document.activeElement), true);
      await page.keyboard.press("Enter");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "main");
    });

    test("registering with a short password says why, before anything is sent", async () => {
      await page.goto(`${server.base}/register`);
      await page.getByLabel("Email address").fill("short@example.org");
      await page.getByLabel("Name shown with your comments").fill("Short");
      await page.getByLabel("Password").fill("short");
      await press(page.getByRole("button", { name: "Create account" }));
      const alert = page.getByRole("alert");
      await alert.waitFor();
      assert.match(await alert.innerText(), /at least 10 characters/);
      await assertAccessible(page, "the register form with an error");
      await shoot(page, size, "register-error");
    });

    test("a resident registers, signs out, and signs in; a wrong password shows the server's sentence", async () => {
      const ana = resident("Ana");
      await register(page, server.base, ana);
      // Signed in, the forms say so rather than make a second account.
      await page.goto(`${server.base}/sign-in?next=${encodeURIComponent(OPEN)}`);
      await page.getByText("You are signed in as Ana.").waitFor();
      assert.equal(await page.getByRole("link", { name: "Carry on where you were" }).getAttribute("href"), OPEN);
      await assertAccessible(page, "the sign-in page when signed in");
      await press(page.getByRole("link", { name: "Ana (account)" }));
      // The account page is in the second bundle: the browser loads it.
      await page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
      await page.getByRole("heading", { level: 2, name: "Topics you follow" }).waitFor();
      await assertAccessible(page, "the account page");
      await press(page.getByRole("button", { name: "Sign out", exact: true }));
      await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }).waitFor();

      await page.goto(`${server.base}/sign-in`);
      await page.getByLabel("Email address").fill(ana.email);
      await page.getByLabel("Password").fill("not the password");
      await press(page.getByRole("button", { name: "Sign in" }));
      const alert = page.getByRole("alert");
      await alert.waitFor();
      assert.match(await alert.innerText(), /do not match an account/);
      await assertAccessible(page, "the sign-in form with an error");
      await shoot(page, size, "sign-in-error");

      await page.getByLabel("Password").fill(ana.password);
      await press(page.getByRole("button", { name: "Sign in" }));
      await page.getByRole("link", { name: "Ana (account)" }).waitFor();
    });

    test("a link off the site is never where signing in leads; signing out everywhere ends the other devices too", async () => {
      const cy = resident("Cy");
      await register(page, server.base, cy);
      // Browsers drop the tab: "/\t/evil.example/" would be "//evil.example/".
      await page.goto(`${server.base}/sign-in?next=/%09/evil.example/`);
      await page.getByText("You are signed in as Cy.").waitFor();
      assert.equal(await page.getByRole("link", { name: "Carry on where you were" }).getAttribute("href"), "/");
      // A second device, signed in over the API.
      const phone = await fetch(`${server.base}/api/v1/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: cy.email, password: cy.password }),
      });
      assert.equal(phone.status, 200);
      const phoneCookie = phone.headers.getSetCookie().find((c) => c.startsWith("pulse_session=")).split(";")[0];
      await press(page.getByRole("link", { name: "Cy (account)" }));
      await page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
      // Through the app (reached without it, the page is taken over as it
      // shows; the form without the app is tested in api/pages.rs). In CI
      // a tap in that moment once left the browser waiting 30 s on a
      // navigation it had asked for and never sent.
      await appReady(page);
      await press(page.getByRole("button", { name: "Sign out everywhere" }));
      await page.getByRole("link", { name: "Sign in" }).waitFor();
      const after = await fetch(`${server.base}/api/v1/session`, { headers: { cookie: phoneCookie } });
      assert.equal((await after.json()).account, null);
    });

    test("a resident reads the draft, comments on § 3 and replies, and the count follows", async () => {
      const bo = resident("Bo");
      await register(page, server.base, bo);
      await page.goto(`${server.base}${OPEN}`);
      await page.getByRole("heading", { level: 1, name: "Body Worn Cameras" }).waitFor();
      await page.getByRole("heading", { name: /§ 3 When officers record/ }).waitFor();
      await page.getByText("Joy Sutton").first().waitFor();
      await assertAccessible(page, "the open topic");
      await shoot(page, size, "topic-open");

      const toggle = page.getByRole("button", { name: /^Comment on § 3 When officers record \(0 comments\)$/ });
      await press(toggle);
      assert.equal(await toggle.getAttribute("aria-expanded"), "true");
      const thread = page.getByRole("region", { name: "Comments on § 3 When officers record" });
      await thread.getByText("No comments yet.").waitFor();
      await thread.getByLabel("Your comment", { exact: true }).fill("Please also record **mental health** calls.");
      await press(thread.getByRole("button", { name: "Post comment" }));
      await thread.getByText("Comment posted.").waitFor();
      await thread.getByText("mental health").waitFor();
      // Its author's receipt: where it stands in the public record.
      const record = await (await fetch(`${server.base}/api/v1/topics/body-worn-cameras/record`)).json();
      await thread.getByText(`Receipt ${record.head.position}`, { exact: false }).waitFor();
      await thread.getByRole("button", { name: `Copy receipt ${record.head.position}` }).waitFor();
      await page.getByRole("button", { name: /^Comment on § 3 When officers record \(1 comment\)$/ }).waitFor();

      await press(thread.locator("summary", { hasText: /^Reply to Bo$/ }));
      await thread.getByLabel("Your reply", { exact: true }).fill("Agreed — and say so in the report.");
      await press(thread.getByRole("button", { name: "Post reply" }));
      await thread.getByText("Agreed — and say so in the report.").waitFor();
      // The reply's form has closed: the keyboard's focus stays in the
      // thread, not at the top of the page.
      assert.equal(await thread.evaluate((t) => t.contains(document.activeElement)), true);
      await page.getByRole("button", { name: /^Comment on § 3 When officers record \(2 comments\)$/ }).waitFor();
      await assertAccessible(page, "an open thread");
      await shoot(page, size, "thread-open");

      await press(thread.getByRole("button", { name: "Post comment" }));
      await thread.getByRole("alert").waitFor();
      assert.match(await thread.getByRole("alert").innerText(), /Write something/);
      await assertAccessible(page, "a comment form with an error");
    });

    test("the public record: its head, a receipt checked, the heads published", async () => {
      const dee = resident("Dee");
      await register(page, server.base, dee);
      await page.goto(`${server.base}${OPEN}`);
      // From the topic, where its feeds are.
      await press(page.getByRole("link", { name: "Public record" }));
      await page.getByRole("heading", { level: 1, name: "Public record: Body Worn Cameras" }).waitFor();
      const record = await (await fetch(`${server.base}/api/v1/topics/body-worn-cameras/record`)).json();
      const head = record.head;
      await page.getByText(`The record now ends at entry ${head.position}`).waitFor();
      await page.getByText(head.hash).first().waitFor();
      await page.getByRole("heading", { level: 2, name: `Entries 1 to ${head.position}` }).waitFor();
      await assertAccessible(page, "the public record");
      await shoot(page, size, "record");
      // The page fits the phone: nothing wider than the screen.
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);

      // A receipt, pasted as the account page copies it.
      await page.getByLabel("Your receipt").fill(`${head.position}:${head.hash}`);
      await press(page.getByRole("button", { name: "Check" }));
      await page.getByRole("status").filter({ hasText: `Entry ${head.position} is in the record with your receipt's hash` }).waitFor();
      assert.equal(await page.getByLabel("Your receipt").inputValue(), `${head.position}:${head.hash}`);
      await page.getByLabel("Your receipt").fill(`${head.position}:${"0".repeat(64)}`);
      await press(page.getByRole("button", { name: "Check" }));
      await page.getByRole("status").filter({ hasText: "with another hash than your receipt's" }).waitFor();
      await page.getByLabel("Your receipt").fill("not a receipt");
      await press(page.getByRole("button", { name: "Check" }));
      await page.getByRole("status").filter({ hasText: "That is not a receipt" }).waitFor();
      await assertAccessible(page, "the public record with a receipt checked");
    });

    test("a resident votes, changes the vote and sees the results", async () => {
      await register(page, server.base, resident("Cy"));
      await page.goto(`${server.base}${OPEN}`);
      const poll = page.getByRole("article", { name: "How long should recordings with no evidentiary value be kept?" });
      await poll.getByText("Results are shown once you have voted.").waitFor();
      await poll.getByLabel("180 days").check();
      await press(poll.getByRole("button", { name: "Vote" }));
      await poll.getByText("Your vote has been recorded.").waitFor();
      await poll.getByText("180 days (your choice)").waitFor();
      await poll.getByText("1 ballot cast.").waitFor();

      await poll.getByLabel("One year").check();
      await press(poll.getByRole("button", { name: "Change my vote" }));
      await poll.getByText("One year (your choice)").waitFor();
      await poll.getByText("1 ballot cast.").waitFor();
      assert.equal(await poll.getByText("180 days (your choice)").count(), 0);
      await assertAccessible(page, "a poll with results");
      await shoot(page, size, "poll-voted");
    });

    test("a closed topic says the deadline has passed and offers no form", async () => {
      await page.goto(`${server.base}${CLOSED}`);
      await page.getByRole("heading", { level: 1, name: "Downtown Parking Study" }).waitFor();
      await page.getByText("The deadline to participate has passed.", { exact: false }).first().waitFor();
      await page.getByRole("heading", { name: "Results" }).waitFor();
      assert.equal(await page.getByRole("button", { name: /Vote/ }).count(), 0);
      await press(page.getByRole("button", { name: /^Comment on § 1 Findings \(/ }));
      await page.getByRole("region", { name: /Comments on § 1 Findings/ }).getByText("The deadline to participate has passed.").waitFor();
      assert.equal(await page.getByRole("textbox").count(), 0);
      await assertAccessible(page, "the closed topic");
      await shoot(page, size, "topic-closed");
    });

    test("when the deadline passes with the page open, the forms give way to the deadline message", async () => {
      // Time in this page is the page's own (Playwright's clock); the server's
      // stays real, so only what the page shows is being tested here.
      const other = await openBrowser(size);
      try {
        const later = other.page;
        await later.clock.install();
        await register(later, server.base, resident("Gus"));
        await later.goto(`${server.base}${OPEN}`);
        await later.locator("#live:not([hidden])").waitFor();
        await later.getByText("Currently Open", { exact: true }).waitFor();
        const topic = await (await fetch(`${server.base}/api/v1/topics/body-worn-cameras`)).json();
        const left = Date.parse(topic.closes_at) - Date.parse(topic.now);
        await later.getByRole("button", { name: /^Comment on § 2 Definitions \(/ }).click();
        const thread = later.getByRole("region", { name: "Comments on § 2 Definitions" });
        await thread.getByLabel("Your comment", { exact: true }).waitFor();

        await later.clock.fastForward(left - 90_000);
        await later.getByText(/^Closes in 1 minute — on /).waitFor();
        assert.equal(await later.getByRole("button", { name: "Vote" }).count() > 0, true);

        await later.clock.fastForward(120_000);
        await later.getByText("Closed", { exact: true }).waitFor();
        await later.getByText(/^Closed on /).waitFor();
        await later.getByText("The deadline to participate has passed. To follow updates", { exact: false }).waitFor();
        await thread.getByText("The deadline to participate has passed.").waitFor();
        assert.equal(await thread.getByLabel("Your comment", { exact: true }).count(), 0);
        await later.getByRole("heading", { name: "Polls" }).waitFor();
        assert.equal(await later.getByRole("button", { name: /Vote|Change my vote/ }).count(), 0);
        await assertAccessible(later, "the topic as its deadline passes");
        assert.deepEqual(other.problems, []);
      } finally {
        await other.context.close();
      }
    });

    test("the comment flow works by keyboard alone, and focus returns where it was", async () => {
      await register(page, server.base, resident("Di"));
      await page.goto(`${server.base}${OPEN}`);
      // The server's first view has a link there (to the page with the
      // thread open); the app's button takes its place.
      await page.locator("#live:not([hidden])").waitFor({ state: "attached" });
      const toggle = page.getByRole("button", { name: /^Comment on § 1 Purpose \(/ });
      await toggle.focus();
      await page.keyboard.press("Enter");
      assert.equal(await toggle.getAttribute("aria-expanded"), "true");
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("id")), "comment-purpose-0");
      await page.keyboard.type("Typed without a mouse.");
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Quote words of this section (optional)");
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Post comment");
      await page.keyboard.press("Enter");
      const thread = page.getByRole("region", { name: "Comments on § 1 Purpose" });
      await thread.getByText("Typed without a mouse.").waitFor();
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, "none", "focus is visible");
      await page.keyboard.press("Escape");
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
      assert.match(await page.evaluate(() => (document.activeElement?.textContent ?? "").replace(/\s+/g, " ").trim()), /^Comment on § 1 Purpose \(/);
    });

    test("a resident quotes words of a section in a comment", async () => {
      await register(page, server.base, resident("Flo"));
      await page.goto(`${server.base}${OPEN}`);
      await press(page.getByRole("button", { name: /^Comment on § 7 Retention \(/ }));
      const thread = page.getByRole("region", { name: "Comments on § 7 Retention" });
      await press(thread.getByText("Quote words of this section (optional)"));
      const words = "no evidentiary value";
      await page.evaluate((words) => {
        const prose = document.querySelector("#retention .section-text .prose");
        const walker = document.createTreeWalker(prose, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent.indexOf(words);
          if (at >= 0) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + words.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            return;
          }
        }
      }, words);
      await press(thread.getByRole("button", { name: "Quote the words selected in the text" }));
      assert.equal(await thread.getByLabel("The words you are answering").inputValue(), words);
      await thread.getByLabel("Your comment", { exact: true }).fill("Ninety days is too short for people who file late.");
      await press(thread.getByRole("button", { name: "Post comment" }));
      await thread.locator("blockquote", { hasText: words }).waitFor();
      await assertAccessible(page, "a thread with a quoted comment");

      // Words that are not in the section are refused before sending.
      await press(thread.getByText("Quote words of this section (optional)"));
      await thread.getByLabel("The words you are answering").fill("words the draft never says");
      await thread.getByLabel("Your comment", { exact: true }).fill("This should not go.");
      await press(thread.getByRole("button", { name: "Post comment" }));
      assert.match(await thread.getByRole("alert").innerText(), /not in this section/);
    });

    test("markup in a comment shows as text and runs nothing", async () => {
      await register(page, server.base, resident("Eve"));
      await page.goto(`${server.base}${OPEN}`);
      await press(page.getByRole("button", { name: /^Comment on § 6 Privacy \(/ }));
      const thread = page.getByRole("region", { name: "Comments on § 6 Privacy" });
      const attack = `<script>alert("x")</script><img src=x onerror="alert('y')"> [click](javascript:alert(1))`;
      await thread.getByLabel("Your comment", { exact: true }).fill(attack);
      await press(thread.getByRole("button", { name: "Post comment" }));
      await thread.getByText('<script>alert("x")</script>', { exact: false }).waitFor();
      assert.equal(await thread.locator("article.comment img, article.comment script, article.comment a[href^='javascript']").count(), 0);
      await page.waitForTimeout(300);
      assert.deepEqual(browser.problems.filter((p) => p.includes("dialog")), []);
    });

    test("the draft is readable before the WASM has loaded", async () => {
      const slow = await browser.context.newPage();
      await slow.route("**/*.wasm", (route) => route.abort());
      await slow.goto(`${server.base}${OPEN}`);
      await slow.getByRole("heading", { level: 1, name: "Body Worn Cameras" }).waitFor();
      await slow.getByRole("heading", { name: "§ 3 When officers record" }).waitFor();
      await slow.locator(".host-card").getByText("Joy Sutton").waitFor();
      await slow.getByText("Hosted by Joy Sutton, ").waitFor();
      await slow.getByRole("navigation", { name: "Contents" }).waitFor();
      await assertAccessible(slow, "the topic before the app has loaded");
      await shoot(slow, size, "topic-before-wasm");
      await slow.close();
    });

    test("nothing went wrong in the page", () => {
      assert.deepEqual(browser.problems, []);
    });
  });
}
