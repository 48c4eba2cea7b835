// What the topic host does, and what residents then see, in a real browser
// at a desktop and at a phone size: the demo's host signs in, hides a
// flagged comment with a reason, answers another with "Adopted", posts an
// update and opens the printable report; a resident sees the placeholder,
// the official response and the update, agrees with a comment and flags one.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, shoot, assertAccessible, resident, demoHost as HOST } from "./harness.js";

const SLUG = "body-worn-cameras";
const OPEN = `/topics/${SLUG}`;

/** A resident made over the API, for the comments the host acts on. */
async function apiResident(base, name) {
  const who = resident(name);
  const response = await fetch(`${base}/api/v1/accounts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: who.email, display_name: name, password: who.password }),
  });
  assert.equal(response.status, 201);
  const cookie = response.headers.get("set-cookie").split(";")[0];
  const send = async (method, path, body) => {
    const r = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { "content-type": "application/json", cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(r.ok, `${method} ${path}: ${r.status} ${await r.clone().text()}`);
    return r.status === 204 || r.headers.get("content-length") === "0" ? null : r.json().catch(() => null);
  };
  return { ...who, send };
}

for (const size of ["desktop", "phone"]) {
  describe(`hosting at ${size} size`, () => {
    let server;
    let browser;
    let page;
    const press = (locator) => (size === "phone" ? locator.tap() : locator.click());
    const rude = `You are all fools (${size}).`;
    const idea = `Record crisis calls too (${size}).`;

    before(async () => {
      server = await startServer();
      browser = await openBrowser(size);
      page = browser.page;
      const ana = await apiResident(server.base, "Ana");
      const bo = await apiResident(server.base, "Bo");
      const bad = await ana.send("POST", `/topics/${SLUG}/comments`, { section: "when-officers-record", body: rude });
      await ana.send("POST", `/topics/${SLUG}/comments`, { section: "when-officers-record", body: idea });
      await bo.send("POST", `/comments/${bad.id}/flags`, { reason: "Insults other residents" });
    });
    after(async () => {
      await browser?.context.close();
      server?.stop();
    });

    test("the host hides a flagged comment, answers another, posts an update and opens the report", async () => {
      await page.goto(`${server.base}/sign-in?next=${encodeURIComponent(OPEN)}`);
      await page.getByLabel("Email address").fill(HOST.email);
      await page.getByLabel("Password").fill(HOST.password);
      await press(page.getByRole("button", { name: "Sign in" }));
      await page.getByRole("link", { name: "Joy Sutton (account)" }).waitFor();
      await page.goto(`${server.base}${OPEN}`);
      await press(page.getByRole("link", { name: "Host tools" }));
      await page.getByRole("heading", { level: 1, name: "Host tools: Body Worn Cameras" }).waitFor();
      await page.getByText(/^1 comment flagged and \d+ awaiting/).waitFor();
      await assertAccessible(page, "the host's tools");
      await shoot(page, size, "host-tools");

      const flagged = page.getByRole("article", { name: /Comment by Ana on § 3/ }).filter({ hasText: rude }).first();
      await flagged.getByText("Flagged: Insults other residents").waitFor();
      // A reason is required: the server's sentence says so.
      await press(flagged.getByRole("button", { name: "Hide" }));
      await flagged.getByRole("alert").waitFor();
      assert.match(await flagged.getByRole("alert").innerText(), /reason/);
      await flagged.getByLabel("Reason for hiding (shown in its place)").fill("Insults other residents");
      await press(flagged.getByRole("button", { name: "Hide" }));
      // Decided in place: the comment stays where it was, saying so.
      await flagged.getByText("Hidden: Insults other residents").waitFor();
      await flagged.getByText(/^Hidden$/).waitFor();
      await flagged.getByRole("button", { name: "Restore" }).waitFor();

      const answer = page.getByRole("article", { name: /Comment by Ana on § 3/ }).filter({ hasText: idea }).first();
      await answer.getByLabel("Official response").selectOption("adopted");
      await answer.getByLabel("Your answer (Markdown)").fill("Added to § 3: crisis calls are recorded.");
      await press(answer.getByRole("button", { name: "Post official response" }));
      await answer.getByText("Official response posted.").waitFor();
      await answer.getByText("Answered: Adopted").waitFor();

      await page.getByLabel("Title", { exact: true }).fill("Update from the May 2 council workshop");
      await page.getByLabel("Text (Markdown)", { exact: true }).fill("Council asked for **crisis calls** to be recorded.");
      // And in Spanish, for those who read Pulse in Spanish.
      await page.getByText("In Spanish too (optional)").click();
      await page.getByLabel("Title in Spanish").fill("Novedades del taller del concejo del 2 de mayo");
      await page.getByLabel("Text in Spanish (Markdown)").fill("El concejo pidió grabar las **llamadas de crisis**.");
      await press(page.getByRole("button", { name: "Post update" }));
      await page.getByText("Update posted.").waitFor();
      await page.getByText("Update posted by Joy Sutton").first().waitFor();
      const spanish = await page.request.get(`${server.base}/api/v1/topics/body-worn-cameras`, {
        headers: { "accept-language": "es" },
      });
      assert.equal((await spanish.json()).updates[0].title, "Novedades del taller del concejo del 2 de mayo");
      await assertAccessible(page, "the host's tools after acting");

      await press(page.getByRole("link", { name: "Report for council" }));
      await page.getByRole("heading", { level: 1, name: "Report for council: Body Worn Cameras" }).waitFor();
      await page.getByRole("heading", { name: "Participation" }).waitFor();
      // What we heard, what we changed: the demo's second draft, and the
      // comment it adopted, with where it landed.
      await page.getByRole("heading", { level: 2, name: "What we heard, what we changed" }).waitFor();
      await page.getByText(/^§ 7 Retention — Edited: You asked for more time/).waitFor();
      await page.getByText(/§ 8 Access and public release · Adopted — In version 2, § 8$/).waitFor();
      const chart = page.locator("figure.poll-chart svg rect.chart-bar").first();
      await chart.waitFor({ state: "attached" });
      await page.getByText(/percentage is the share of ballots/).first().waitFor();
      // The demo's own adopted answer is there too.
      await page.getByText("Official response · Adopted:").nth(1).waitFor();
      await page.getByText("hidden by the host: Insults other residents", { exact: false }).waitFor();
      assert.match(
        await page.getByRole("link", { name: "Download every comment (CSV)" }).getAttribute("href"),
        /report\.csv$/,
      );
      await assertAccessible(page, "the report for council");
      await shoot(page, size, "report");
      // On paper: no site header, no buttons.
      await page.emulateMedia({ media: "print" });
      assert.equal(await page.locator(".site-header").isVisible(), false);
      assert.equal(await page.getByRole("button", { name: "Print this report" }).isVisible(), false);
      await page.emulateMedia({ media: "screen" });
    });

    test("a resident sees the placeholder, the official response and the update, agrees and flags", async () => {
      const reader = await openBrowser(size);
      const p = reader.page;
      const cy = await apiResident(server.base, "Cy");
      // Sign in through the page so the browser holds the session.
      await p.goto(`${server.base}/sign-in?next=${encodeURIComponent(OPEN)}`);
      await p.getByLabel("Email address").fill(cy.email);
      await p.getByLabel("Password").fill(cy.password);
      await (size === "phone" ? p.getByRole("button", { name: "Sign in" }).tap() : p.getByRole("button", { name: "Sign in" }).click());
      await p.getByRole("link", { name: "Cy (account)" }).waitFor();
      await p.goto(`${server.base}${OPEN}`);
      await p.getByRole("heading", { name: "Update from the May 2 council workshop" }).waitFor();
      const tap = (l) => (size === "phone" ? l.tap() : l.click());
      await tap(p.getByRole("button", { name: /^Comment on § 3 When officers record \(2 comments\)$/ }));
      const thread = p.getByRole("region", { name: "Comments on § 3 When officers record" });
      await thread.getByText("Hidden by the topic host: Insults other residents").waitFor();
      assert.equal(await thread.getByText(rude).count(), 0, "the hidden text is not shown");
      const response = thread.getByRole("region", { name: "Official response from the topic host" });
      await response.getByText("Adopted").waitFor();
      await response.getByText("Added to § 3: crisis calls are recorded.").waitFor();

      const agree = thread.getByRole("button", { name: "Agree · 0", exact: true });
      await tap(agree);
      const agreed = thread.getByRole("button", { name: "Agree · 1", exact: true });
      await agreed.waitFor();
      assert.equal(await agreed.getAttribute("aria-pressed"), "true");

      await tap(thread.locator("summary", { hasText: /^Flag to the host$/ }));
      await thread.getByLabel("What is wrong with this comment?").fill("Off topic");
      await tap(thread.getByRole("button", { name: "Send flag" }));
      await thread.getByText("Flagged. Thank you: the topic host will look at it.").waitFor();
      await assertAccessible(p, "a thread with a hidden comment and an official response");
      await shoot(p, size, "thread-hosted");

      // Residents do not get the host's tools, and the server says why.
      assert.equal(await p.getByRole("link", { name: "Host tools" }).count(), 0);
      await p.goto(`${server.base}${OPEN}/host`);
      await p.getByText("Only the host of this topic can moderate its comments.").waitFor();
      await p.goto(`${server.base}${OPEN}/report`);
      await p.getByText(/published when it closes/).waitFor();
      await assertAccessible(p, "the report before the close");
      assert.deepEqual(reader.problems, []);
      await reader.context.close();
    });

    test("a resident edits and withdraws their own comment", async () => {
      const writer = await openBrowser(size);
      const p = writer.page;
      const tap = (l) => (size === "phone" ? l.tap() : l.click());
      const dee = await apiResident(server.base, "Dee");
      await p.goto(`${server.base}/sign-in?next=${encodeURIComponent(OPEN)}`);
      await p.getByLabel("Email address").fill(dee.email);
      await p.getByLabel("Password").fill(dee.password);
      await tap(p.getByRole("button", { name: "Sign in" }));
      await p.getByRole("link", { name: "Dee (account)" }).waitFor();
      await p.goto(`${server.base}${OPEN}`);
      await tap(p.getByRole("button", { name: /^Comment on the topic as a whole \(/ }));
      const thread = p.getByRole("region", { name: "Comments on the topic as a whole" });
      await thread.getByLabel("Your comment", { exact: true }).fill("A first thought.");
      await tap(thread.getByRole("button", { name: "Post comment" }));
      await thread.getByText("A first thought.").waitFor();
      await tap(thread.locator("summary", { hasText: /^Edit$/ }));
      await thread.getByLabel("Edit your comment").fill("A better thought.");
      await tap(thread.getByRole("button", { name: "Save changes" }));
      await thread.getByText("A better thought.").waitFor();
      await thread.getByText("· edited").waitFor();
      await tap(thread.locator("summary", { hasText: /^Withdraw$/ }));
      await tap(thread.getByRole("button", { name: "Withdraw it" }));
      await thread.getByText("Withdrawn by its author.").waitFor();
      await assertAccessible(p, "a thread with a withdrawn comment");
      assert.deepEqual(writer.problems, []);
      await writer.context.close();
    });

    test("nothing went wrong in the host's pages", () => {
      assert.deepEqual(browser.problems, []);
    });
  });
}
