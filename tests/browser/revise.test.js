// Publishing a revision in a real browser, at a desktop and at a phone
// size: the demo's host opens "Revise the draft" from their desk (an admin
// from the admin's list, on the phone), edits the
// draft, compares it and sees what it does to the comments before anything
// is published; editing after comparing takes the Publish button away
// until compared again; they say why a section changed, tick the comment
// that led to it, and publish. The same without JavaScript, where a draft
// edited after its comparison is compared again rather than published.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, shoot, assertAccessible, resident, signIn, demoHost as HOST, appReady } from "./harness.js";

const SLUG = "body-worn-cameras";
const ADMIN = { name: "Pulse Administrator", email: "admin@demo.pulse.example", password: "demo admin password" };

/** A resident's comment on `section`, quoting `exact`, made over the API. */
async function commentAs(base, who, section, exact, body) {
  let response = await fetch(`${base}/api/v1/accounts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: who.email, display_name: who.name, password: who.password }),
  });
  assert.equal(response.status, 201);
  const cookie = response.headers.get("set-cookie").split(";")[0];
  response = await fetch(`${base}/api/v1/topics/${SLUG}/comments`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ section, body, quote: { exact } }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()).id;
}

/** The current draft as written, and its version. */
async function source(base) {
  const topic = await (await fetch(`${base}/api/v1/topics/${SLUG}`)).json();
  const latest = Math.max(topic.draft.latest ?? 0, topic.draft.version);
  return (await fetch(`${base}/api/v1/topics/${SLUG}/versions/${latest}/source`)).json();
}

for (const size of ["desktop", "phone"]) {
  describe(`revising the draft at ${size} size`, () => {
    let server;
    let browser;
    let page;
    let comment;
    const press = (locator) => (size === "phone" ? locator.tap() : locator.click());

    before(async () => {
      server = await startServer();
      browser = await openBrowser(size);
      page = browser.page;
      comment = await commentAs(server.base, resident("Ana"), "retention", "no evidentiary value: 90 days", `Ninety days is too short (${size}).`);
    });
    after(async () => {
      await browser?.context.close();
      server?.stop();
    });

    // The topic's host from their desk at a desk; an admin from the
    // admin's list on a phone.
    const who = size === "desktop" ? "the host" : "an admin";
    test(`${who} compares first, sees the effect on comments, then publishes with a note`, async () => {
      const before = await source(server.base);
      assert.equal(before.version, 2);
      if (size === "desktop") {
        await signIn(page, server.base, HOST);
        await page.goto(`${server.base}/topics/${SLUG}/host`);
        await press(page.getByRole("link", { name: "Revise the draft" }));
      } else {
        await signIn(page, server.base, ADMIN);
        await page.goto(`${server.base}/admin`);
        await appReady(page);
        await press(page.getByRole("article").filter({ hasText: "Body Worn Camera" }).getByRole("link", { name: "Revise the draft" }));
      }
      await page.getByRole("heading", { level: 1, name: "Revise the draft" }).waitFor();
      await appReady(page);
      const draft = page.getByLabel("The new draft");
      assert.equal(await draft.inputValue(), before.markdown);
      // Nothing to publish before a comparison.
      assert.equal(await page.getByRole("button", { name: /^Publish version/ }).count(), 0);

      const revised = before.markdown.replace("no evidentiary value: 90 days", "no evidentiary value: 120 days")
        + "\n## Body cameras on loan\n\nA camera lent to another agency follows this policy.\n";
      await draft.fill(revised);
      await press(page.getByRole("button", { name: "Compare with version 2" }));
      const effect = page.getByRole("region", { name: "What publishing version 3 would do" });
      await effect.waitFor();
      // The comparison takes the focus, so it is read next.
      await page.waitForFunction(() => document.activeElement?.id === "revision-effect-title");
      await effect.getByText(/comments? follows? the draft:$/).waitFor();
      await effect.getByText(/^\d+ changed \(the words (it is|they are) about were changed\)$/).waitFor();
      const retention = effect.locator("section.revise-section[data-anchor=retention]");
      assert.match(await retention.locator("ins").first().innerText(), /120/);
      assert.match(await retention.locator("del").first().innerText(), /90/);
      const added = effect.locator("section.revise-section[data-anchor=body-cameras-on-loan]");
      await added.getByText("No comment stands on this section.").waitFor();
      const link = retention.getByRole("checkbox", { name: new RegExp(`^#${comment} Ana: Ninety days is too short`) });
      await link.waitFor();
      await assertAccessible(page, `the comparison of a revision (${size})`);
      await shoot(page, size, "revise-compared");

      // An edit after comparing: compare again before publishing.
      await draft.fill(revised.replace("follows this policy", "follows this policy too"));
      await page.getByText("The draft changed since it was compared. Compare again to publish it.").waitFor();
      assert.equal(await page.getByRole("button", { name: "Publish version 3" }).count(), 0);
      await press(page.getByRole("button", { name: "Compare with version 2" }));
      const publish = page.getByRole("button", { name: "Publish version 3" });
      await publish.waitFor();

      await page.getByLabel("Why it changed", { exact: true }).fill("You asked for **longer** retention.");
      await retention.getByLabel("Why § 7 Retention changed (optional)").fill("Kept for 120 days, as residents asked.");
      await press(link);
      assert.equal(await link.isChecked(), true);
      await press(publish);
      await page.getByRole("heading", { level: 1, name: "What changed in version 3" }).waitFor();
      assert.equal(new URL(page.url()).pathname, `/topics/${SLUG}/versions/3/changes`);
      const section = page.locator("section.change#retention");
      await section.getByText("Kept for 120 days, as residents asked.").waitFor();
      await section.getByRole("link", { name: `#${comment}` }).waitFor();
      await page.getByText("You asked for longer retention.").waitFor();
      const after = await source(server.base);
      assert.equal(after.version, 3);
      assert.match(after.markdown, /follows this policy too/);
    });

    test("a resident may not revise: the page says why", async () => {
      await page.context().clearCookies();
      await page.goto(`${server.base}/topics/${SLUG}/revise`);
      await page.getByText(/sign in/i).first().waitFor();
      const status = (await page.request.get(`${server.base}/topics/${SLUG}/revise`)).status();
      assert.equal(status, 401);
    });
  });
}

describe("revising the draft without JavaScript", () => {
  let server;
  let browser;
  let page;
  before(async () => {
    server = await startServer();
    browser = await openBrowser("desktop", { javaScript: false });
    page = browser.page;
  });
  after(async () => {
    await browser?.context.close();
    server?.stop();
  });

  test("compare, an edit after it compared again, then publish", { timeout: 120_000 }, async () => {
    const before = await source(server.base);
    await signIn(page, server.base, ADMIN);
    await page.goto(`${server.base}/admin`);
    await page.getByRole("article").filter({ hasText: "Body Worn Camera" }).getByRole("link", { name: "Revise the draft" }).click();
    await page.getByRole("heading", { level: 1, name: "Revise the draft" }).waitFor();
    const draft = page.getByLabel("The new draft");
    const revised = before.markdown.replace("## Review of this policy", "## Yearly review of this policy");
    await draft.fill(revised);
    await page.getByRole("button", { name: "Compare with version 2" }).click();
    const effect = page.getByRole("region", { name: "What publishing version 3 would do" });
    await effect.waitFor();
    await effect.getByText("Renamed", { exact: true }).waitFor();
    assert.equal(await draft.inputValue(), revised, "the draft comes back as it was sent");
    // (axe needs scripts: the same page is checked with them above.)

    // Edited after its comparison: not published, compared again.
    await draft.fill(revised.replace("## Yearly review of this policy", "## Annual review of this policy"));
    await page.getByLabel("Why it changed", { exact: true }).fill("A clearer heading.");
    await page.getByRole("button", { name: "Publish version 3" }).click();
    await page.getByText("The draft was changed after it was compared, so it was not published.", { exact: false }).waitFor();
    assert.equal((await source(server.base)).version, 2);
    assert.equal(await page.getByLabel("Why it changed", { exact: true }).inputValue(), "A clearer heading.");

    await page.getByRole("button", { name: "Publish version 3" }).click();
    await page.getByRole("heading", { level: 1, name: "What changed in version 3" }).waitFor();
    const after = await source(server.base);
    assert.equal(after.version, 3);
    assert.match(after.markdown, /## Annual review of this policy/);
  });
});
