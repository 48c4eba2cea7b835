// The city's desk in a real browser, at a desktop and at a phone size: the
// host works one queue across their topics (filter, respond, hide,
// restore) without losing their place; dates are entered on the topic's
// clock whatever the browser's time zone; an admin previews a topic saved
// unpublished and publishes it.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, startMailServer, openBrowser, shoot, assertAccessible, resident, signIn, demoHost as HOST, appReady } from "./harness.js";

const SLUG = "body-worn-cameras";
const ADMIN = { name: "Pulse Administrator", email: "admin@demo.pulse.example", password: "demo admin password" };

/** An account made over the API, and a way to act as it. */
async function apiAccount(base, who, { create = true } = {}) {
  let response;
  if (create) {
    response = await fetch(`${base}/api/v1/accounts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: who.email, display_name: who.name, password: who.password }),
    });
    assert.equal(response.status, 201);
  } else {
    response = await fetch(`${base}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: who.email, password: who.password }),
    });
    assert.ok(response.ok, `signing in ${who.email}: ${response.status}`);
  }
  const cookie = response.headers.get("set-cookie").split(";")[0];
  const send = async (method, path, body) => {
    const r = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { "content-type": "application/json", cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(r.ok, `${method} ${path}: ${r.status} ${await r.clone().text()}`);
    return r.status === 204 ? null : r.json().catch(() => null);
  };
  return { ...who, send };
}

for (const size of ["desktop", "phone"]) {
  describe(`the desk at ${size} size`, () => {
    let server;
    let browser;
    let page;
    const press = (locator) => (size === "phone" ? locator.tap() : locator.click());
    const rude = `Everyone here is a fool (${size}).`;
    const idea = `Blur faces of bystanders (${size}).`;
    const other = `Publish the audit yearly (${size}).`;

    before(async () => {
      server = await startServer();
      // The host's computer keeps UTC; the topic keeps Chicago's time.
      browser = await openBrowser(size, { timezoneId: "UTC" });
      page = browser.page;
      const ana = await apiAccount(server.base, resident("Ana"));
      const bo = await apiAccount(server.base, resident("Bo"));
      const bad = await ana.send("POST", `/topics/${SLUG}/comments`, { section: "when-officers-record", body: rude });
      await ana.send("POST", `/topics/${SLUG}/comments`, { section: "general", body: idea });
      await bo.send("POST", `/topics/${SLUG}/comments`, { section: "general", body: other });
      await bo.send("POST", `/comments/${bad.id}/flags`, { reason: "Insults other residents" });
    });
    after(async () => {
      await browser?.context.close();
      server?.stop();
    });

    test("the host works the queue in place: filter, respond, hide, restore", async () => {
      await signIn(page, server.base, HOST);
      await press(page.getByRole("link", { name: "Your desk" }));
      await page.getByRole("heading", { level: 1, name: "Your desk" }).waitFor();
      await appReady(page);
      await page.getByText(/^1 comment flagged and \d+ awaiting an official response/).waitFor();
      // Flagged first.
      const first = page.locator("ol.queue > li").first();
      await first.getByText(rude).waitFor();
      await first.getByText("Flagged: Insults other residents").waitFor();
      await assertAccessible(page, "the host's desk");
      await shoot(page, size, "desk");

      // Only the topic-wide discussion, newest first.
      await page.getByLabel("Topic").selectOption(SLUG);
      await press(page.getByRole("button", { name: "Show these" }));
      await page.waitForURL(/topic=body-worn-cameras/);
      await appReady(page);
      await page.getByLabel("Section").selectOption("general");
      await page.getByLabel("Order").selectOption("newest");
      await press(page.getByRole("button", { name: "Show these" }));
      await page.waitForURL(/section=general/);
      await appReady(page);
      const items = page.locator("ol.queue > li");
      await items.first().getByText(other).waitFor();
      assert.equal(await items.filter({ hasText: rude }).count(), 0);

      // Respond: no status is chosen for the host.
      const answer = page.getByRole("article").filter({ hasText: idea }).first();
      await answer.scrollIntoViewIfNeeded();
      const before = await answer.boundingBox();
      await answer.getByLabel("Your answer (Markdown)").fill("We will blur bystanders' faces before release.");
      await press(answer.getByRole("button", { name: "Post official response" }));
      await answer.getByRole("alert").getByText(/Choose what the response says/).waitFor();
      await answer.getByLabel("Official response").selectOption("adopted");
      await press(answer.getByRole("button", { name: "Post official response" }));
      await answer.getByText("Official response posted.").waitFor();
      // It stays where it was, with its new badge; the reader stays on it.
      await answer.getByText("Answered: Adopted").waitFor();
      const after = await answer.boundingBox();
      assert.ok(Math.abs(after.y - before.y) < 200, `moved from ${before.y} to ${after.y}`);
      assert.equal(await page.evaluate(() => document.activeElement?.className), "said");
      assert.equal(page.url().includes("done="), false, "no page was loaded");

      // Hide with a reason, then restore: in place too.
      const loud = page.getByRole("article").filter({ hasText: other }).first();
      await loud.getByLabel("Reason for hiding (shown in its place)").fill("Off topic");
      await press(loud.getByRole("button", { name: "Hide" }));
      await loud.getByText("Hidden: Off topic").waitFor();
      await press(loud.getByRole("button", { name: "Restore" }));
      await loud.getByText("Comment restored.").waitFor();
      await loud.getByText("Awaiting an answer").waitFor();
      await assertAccessible(page, "the desk after deciding");

      // The thread it belongs to, on the topic page.
      assert.match(await answer.getByRole("link", { name: "Open its thread" }).getAttribute("href"), /\/topics\/body-worn-cameras\?comments=general#comment-\d+$/);
      assert.deepEqual(browser.problems, []);
    });

    test("a date is entered on the topic's clock, whatever the browser's zone", async () => {
      for (const zone of ["UTC", "America/Denver"]) {
        const other = zone === "UTC" ? browser : await openBrowser(size, { timezoneId: zone });
        const p = other.page;
        if (other !== browser) await signIn(p, server.base, HOST);
        await p.goto(`${server.base}/topics/${SLUG}/host`);
        await appReady(p);
        const title = `Council meeting (${zone}, ${size})`;
        await p.getByLabel("What", { exact: true }).fill(title);
        await p.getByLabel(/When, on the topic's clock \(America\/Chicago\)/).fill("2026-12-10T18:00");
        await press(p.getByRole("button", { name: "Add the date" }));
        await p.getByText(`${title} — December 10, 2026 at 6:00 PM CST`).waitFor();
        const topic = await (await p.request.get(`${server.base}/api/v1/topics/${SLUG}`)).json();
        const date = topic.dates.find((d) => d.title === title);
        assert.equal(date.starts_at, "2026-12-11T00:00:00Z", `entered from ${zone}`);
        if (other !== browser) await other.context.close();
      }
      // The night the clocks go back, 1:30 happens twice: which is asked.
      const title = `Night hearing (${size})`;
      await page.getByLabel("What", { exact: true }).fill(title);
      await page.getByLabel(/When, on the topic's clock/).fill("2027-11-07T01:30");
      await press(page.getByRole("button", { name: "Add the date" }));
      await page.getByText(/happens twice in America\/Chicago/).waitFor();
      await page.getByLabel("That night the clocks go back: which of the two times?").selectOption("later");
      await press(page.getByRole("button", { name: "Add the date" }));
      await page.getByText(`${title} — November 7, 2027 at 1:30 AM CST`).waitFor();
      await assertAccessible(page, "the host tools' dates");
    });

    test("an admin previews a topic saved unpublished and publishes it", async () => {
      const admin = await apiAccount(server.base, ADMIN, { create: false });
      const slug = `leaf-pickup-${size}`;
      await admin.send("POST", "/topics", {
        slug,
        title: `Leaf Pickup (${size})`,
        summary: "When the city picks up leaves.",
        opens_at: new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d+Z$/, "Z"),
        closes_at: new Date(Date.now() + 30 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z"),
        time_zone: "America/Chicago",
        host: { name: "Alex Rivera", role: "Public Works" },
        draft_title: "Leaf Pickup Schedule",
        draft: "## Dates\n\nTwice in the fall.\n",
        published: false,
      });
      const anonymous = await fetch(`${server.base}/topics/${slug}`);
      assert.equal(anonymous.status, 404);

      const own = await openBrowser(size);
      const p = own.page;
      await signIn(p, server.base, ADMIN);
      await p.goto(`${server.base}/topics/${slug}`);
      await p.getByRole("heading", { name: "Preview — not public yet" }).waitFor();
      await assertAccessible(p, "a topic's preview");
      await shoot(p, size, "preview");
      await (size === "phone" ? p.getByRole("button", { name: "Publish this topic" }).tap() : p.getByRole("button", { name: "Publish this topic" }).click());
      await p.getByText("Published: residents can now find this topic").waitFor();
      assert.equal(await p.getByRole("heading", { name: "Preview — not public yet" }).count(), 0);
      assert.equal((await fetch(`${server.base}/topics/${slug}`)).status, 200);
      assert.deepEqual(own.problems, []);
      await own.context.close();
    });
  });
}

describe("the desk by keyboard alone", () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await openBrowser("desktop");
    const ana = await apiAccount(server.base, resident("Ana"));
    await ana.send("POST", `/topics/${SLUG}/comments`, { section: "general", body: "Keep the footage a year." });
  });
  after(async () => {
    await browser?.context.close();
    server?.stop();
  });

  test("a host answers a comment with the keyboard only", async () => {
    const page = browser.page;
    await signIn(page, server.base, HOST);
    await page.goto(`${server.base}/host?show=unanswered&sort=newest`);
    await appReady(page);
    const item = page.getByRole("article").filter({ hasText: "Keep the footage a year." }).first();
    // From the status menu onwards, as a keyboard reaches it.
    await item.getByLabel("Official response").focus();
    await page.keyboard.press("ArrowDown"); // Adopted
    await page.keyboard.press("Tab");
    await page.keyboard.type("Agreed: a year it is.");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Post official response");
    await page.keyboard.press("Enter");
    await item.getByText("Answered: Adopted").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.className), "said");
    assert.deepEqual(browser.problems, []);
  });
});

describe("the admin's topics", () => {
  let server;
  let mail;
  let browser;
  before(async () => {
    mail = await startMailServer();
    server = await startServer(["--smtp-url", mail.url]);
    browser = await openBrowser("phone");
  });
  after(async () => {
    await browser?.context.close();
    server?.stop();
    mail?.stop();
  });

  test("an admin names a new host by invitation, removes one, and publishes a preview", async () => {
    const page = browser.page;
    const admin = await apiAccount(server.base, ADMIN, { create: false });
    await admin.send("POST", "/topics", {
      slug: "leaf-pickup",
      title: "Leaf Pickup",
      summary: "When the city picks up leaves.",
      opens_at: "2026-11-01T14:00:00Z",
      closes_at: "2027-06-01T22:00:00Z",
      time_zone: "America/Chicago",
      host: { name: "Alex Rivera", role: "Public Works" },
      draft_title: "Leaf Pickup Schedule",
      draft: "## Dates\n\nTwice in the fall.\n",
      published: false,
    });
    await signIn(page, server.base, ADMIN);
    await page.getByRole("link", { name: "Topics (admin)" }).tap();
    await page.getByRole("heading", { level: 1, name: "Topics" }).waitFor();
    await appReady(page);
    await page.getByRole("link", { name: "Not published yet" }).tap();
    await page.waitForURL(/status=unpublished/);
    const leaves = page.getByRole("article", { name: "Leaf Pickup" });
    await leaves.getByText("No host named yet", { exact: false }).waitFor();
    assert.equal(await page.getByRole("article", { name: "Body Worn Cameras" }).count(), 0);
    await assertAccessible(page, "the admin's topics");

    await leaves.getByLabel("A host's email address").fill("clerk@shakopeemn.gov");
    await leaves.getByRole("button", { name: "Name as host" }).tap();
    await leaves.getByRole("alert").getByText(/Give the person's name to invite them/).waitFor();
    await leaves.getByLabel("Their name, if they have no account yet").fill("Kim Clerk");
    await leaves.getByRole("button", { name: "Name as host" }).tap();
    await page.getByRole("status").getByText("Host named.").waitFor();
    await leaves.getByText("clerk@shakopeemn.gov").waitFor();
    const letter = await mail.waitFor("clerk@shakopeemn.gov", "You are a host");
    assert.match(letter.text, /reset-password\?token=/);

    await leaves.getByRole("button", { name: "Remove clerk@shakopeemn.gov as host" }).tap();
    await page.getByRole("status").getByText("Host removed.").waitFor();
    await leaves.getByText("No host named yet", { exact: false }).waitFor();

    await leaves.getByRole("button", { name: "Publish this topic" }).tap();
    await page.getByRole("status").getByText(/^Published: residents can now find this topic/).waitFor();
    assert.equal((await fetch(`${server.base}/topics/leaf-pickup`)).status, 200);
    await assertAccessible(page, "the admin's topics after publishing");
    assert.deepEqual(browser.problems, []);
  });
});

describe("the report for council on paper", () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await openBrowser("desktop");
    const ana = await apiAccount(server.base, resident("Ana"));
    await ana.send("POST", `/topics/${SLUG}/comments`, { section: "general", body: "Accountability" + "-and-transparency".repeat(3) + " matter most." });
  });
  after(async () => {
    await browser?.context.close();
    server?.stop();
  });

  test("it opens with a summary, groups comments by section and prints whole words with legible charts", async () => {
    const page = browser.page;
    await signIn(page, server.base, HOST);
    await page.goto(`${server.base}/topics/${SLUG}/report`);
    await page.getByRole("heading", { level: 1, name: "Report for council: Body Worn Cameras" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Summary of findings" }).waitFor();
    await page.getByText(/people took part, writing \d+ comments/).waitFor();
    // By section in the draft's order, then the topic as a whole.
    const groups = await page.locator(".report-group h3").allInnerTexts();
    assert.ok(groups.length >= 2, groups.join(" | "));
    assert.equal(groups.at(-1) === "The topic as a whole" || groups.at(-2) === "The topic as a whole", true, groups.join(" | "));
    assert.match(groups[0], /^§ \d/);
    await assertAccessible(page, "the report with its summary");

    await page.emulateMedia({ media: "print" });
    const styles = await page.evaluate(() => {
      const texts = [...document.querySelectorAll(".report p, .report li, .report h1, .report h2, .report h3, .report td, .report th")];
      const broken = texts
        .map((e) => getComputedStyle(e))
        .filter((s) => s.overflowWrap === "anywhere" || s.wordBreak === "break-all" || s.wordBreak === "break-word" || s.hyphens === "auto");
      const labels = [...document.querySelectorAll(".chart-label, .chart-value")].map((e) => parseFloat(getComputedStyle(e).fontSize));
      const sections = [...document.querySelectorAll(".report > section + section")].map((e) => getComputedStyle(e).breakBefore);
      return { broken: broken.length, labels, sections };
    });
    assert.equal(styles.broken, 0, "no text may break mid-word");
    assert.ok(styles.labels.length > 0);
    // 10 pt is 13.33 CSS pixels.
    assert.ok(styles.labels.every((px) => px >= 13.3), `chart labels at ${styles.labels.join(", ")} px`);
    assert.ok(styles.sections.every((b) => b === "page"), styles.sections.join(", "));
    // Each printed page names the topic and counts the pages.
    const css = await (await page.request.get(`${server.base}/topics/${SLUG}/report/print.css`)).text();
    assert.match(css, /@top-center \{ content: "Report for council\\3a  Body Worn Cameras"/);
    assert.match(css, /content: "Page " counter\(page\) " \/ " counter\(pages\)/);
    for (const format of ["Letter", "A4"]) {
      const pdf = await page.pdf({ format, printBackground: false });
      assert.ok(pdf.length > 10_000, `${format}: ${pdf.length} bytes`);
      assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
    }
    await page.emulateMedia({ media: "screen" });
    assert.deepEqual(browser.problems, []);
  });
});

for (const size of ["desktop", "phone"]) {
  describe(`a new topic in the browser at ${size} size`, () => {
    let server;
    let browser;
    before(async () => {
      server = await startServer();
      browser = await openBrowser(size, { timezoneId: "UTC" });
    });
    after(async () => {
      await browser?.context.close();
      server?.stop();
    });

    const press = (locator) => (size === "phone" ? locator.tap() : locator.click());
    test("an admin fills the form, sees the draft as residents will, is told a mistake, previews it, names its host and publishes it", async () => {
      const page = browser.page;
      await signIn(page, server.base, ADMIN);
      await page.goto(`${server.base}/admin`);
      await press(page.getByRole("link", { name: "New topic" }));
      await page.getByRole("heading", { level: 1, name: "New topic" }).waitFor();
      await appReady(page);
      await page.getByLabel("Title", { exact: true }).fill("Leaf Pickup");
      await page.getByLabel("Address", { exact: true }).fill("leaf-pickup");
      await page.getByLabel("Summary", { exact: true }).fill("When the city picks up **leaves**.");
      await page.getByLabel("Time zone").fill("America/Chicago");
      await page.getByLabel("Opens").fill("2026-10-15T08:00");
      await page.getByLabel("Closes").fill("2027-06-01T17:00");
      await page.getByLabel("Name", { exact: true }).fill("Alex Rivera");
      await page.getByLabel("Role").fill("Public Works");
      await page.getByLabel("Polls (optional)").fill("Which week?\n- The first\n- The second\n[es] ¿Qué semana?\n- La primera\n- La segunda\n\nHow should we tell you? [multiple] [section: bags]\n- Text\n- Email");
      await page.getByLabel("Documents (optional)").fill("Current rules | https://example.gov/leaves.pdf");
      await page.getByLabel("The draft's title", { exact: true }).fill("Leaf Pickup Schedule");
      // Its Spanish, for residents who read Pulse in Spanish.
      await page.getByLabel("Title in Spanish", { exact: true }).fill("Recogida de hojas");
      await page.getByLabel("Summary in Spanish").fill("Cuándo la ciudad recoge las **hojas**.");
      // The draft as residents will see it, as it is typed.
      await page.getByLabel("The draft", { exact: true }).fill("## Dates\n\nTwice in the fall.\n\n## Bags\n\nPaper bags only.\n");
      const preview = page.getByRole("region", { name: "The draft as residents will see it" });
      await preview.getByText("§ 2 Bags").waitFor();
      await preview.getByText("#bags").waitFor();
      await assertAccessible(page, "the new topic form");
      await shoot(page, size, "new-topic");

      // A mistake comes back above the form and beside its field, the rest kept.
      await page.getByLabel("Address", { exact: true }).fill("Leaf Pickup!");
      await press(page.getByRole("button", { name: "Save the topic" }));
      const summary = page.getByRole("alert").first();
      await summary.getByRole("link", { name: /slug/ }).waitFor();
      assert.equal(await page.getByLabel("Title", { exact: true }).inputValue(), "Leaf Pickup");
      assert.match(await page.getByLabel("The draft", { exact: true }).inputValue(), /## Bags/);
      await appReady(page);
      await assertAccessible(page, "the new topic form with a mistake");
      await page.getByLabel("Address", { exact: true }).fill("leaf-pickup");
      await press(page.getByRole("button", { name: "Save the topic" }));

      // Saved unpublished: its preview, at its own address.
      await page.waitForURL(/\/topics\/leaf-pickup$/, { timeout: 10_000 }).catch(async () => {
        throw new Error(`not saved: ${await page.locator("main").innerText()}`);
      });
      await page.getByRole("heading", { name: "Preview — not public yet" }).waitFor();
      await page.getByRole("heading", { level: 1, name: "Leaf Pickup" }).waitFor();
      const topic = await (await page.request.get(`${server.base}/api/v1/topics/leaf-pickup`)).json();
      assert.equal(topic.published, false);
      // 8:00 on the topic's clock, entered from a UTC browser: 13:00 UTC (CDT).
      assert.equal(topic.opens_at, "2026-10-15T13:00:00Z");
      assert.equal(topic.documents[0].url, "https://example.gov/leaves.pdf");
      const polls = await (await page.request.get(`${server.base}/api/v1/topics/leaf-pickup/polls`)).json();
      assert.equal(polls.polls.length, 2);
      assert.equal(polls.polls[1].kind, "multiple");
      assert.equal(polls.polls[1].section, "bags");
      const spanish = await (await page.request.get(`${server.base}/api/v1/topics/leaf-pickup/polls`, { headers: { "accept-language": "es" } })).json();
      assert.equal(spanish.polls[0].question, "¿Qué semana?");
      assert.deepEqual(spanish.polls[0].options.map((o) => o.label), ["La primera", "La segunda"]);
      assert.equal((await fetch(`${server.base}/topics/leaf-pickup`)).status, 404);

      // On the same path: edit it while it is a preview, its draft in place.
      await press(page.getByRole("link", { name: "Topics (admin)" }));
      await page.getByRole("heading", { level: 1, name: "Topics" }).waitFor();
      await press(page.getByRole("article", { name: "Leaf Pickup" }).getByRole("link", { name: "Edit" }));
      await page.getByRole("heading", { level: 1, name: "Edit “Leaf Pickup”" }).waitFor();
      await appReady(page);
      // The form as the topic is: its times on the topic's clock, not the browser's.
      assert.equal(await page.getByLabel("Opens").inputValue(), "2026-10-15T08:00");
      assert.equal(await page.getByLabel("Documents (optional)").inputValue(), "Current rules | https://example.gov/leaves.pdf");
      const pollsField = page.getByLabel("Polls (optional)");
      assert.equal(await pollsField.inputValue(), "Which week?\n- The first\n- The second\n[es] ¿Qué semana?\n- La primera\n- La segunda\n\nHow should we tell you? [multiple] [section: bags]\n- Text\n- Email");
      await pollsField.fill((await pollsField.inputValue()).replace("- The second", "- The last").replace("- La segunda", "- La última"));
      assert.equal(await page.getByLabel("Title in Spanish", { exact: true }).inputValue(), "Recogida de hojas");
      // The Spanish draft has the draft's sections, one to one.
      await page.getByLabel("The draft's title in Spanish").fill("Calendario de recogida de hojas");
      await page.getByLabel("The draft in Spanish", { exact: true }).fill("## Fechas\n\nDos veces en otoño.\n\n## Bolsas\n\nSolo bolsas de papel.\n\n## Ramas\n\nAtadas, de cuatro pies como máximo.\n");
      await page.getByLabel("Title", { exact: true }).fill("Leaf and Brush Pickup");
      await page.getByLabel("Closes").fill("2027-06-01T18:30");
      const edited = (await page.getByLabel("The draft", { exact: true }).inputValue()) + "\n## Brush\n\nBundled, four feet at most.\n";
      await page.getByLabel("The draft", { exact: true }).fill(edited);
      await assertAccessible(page, "a topic's edit form");
      await press(page.getByRole("button", { name: "Save changes" }));
      await page.getByRole("heading", { level: 1, name: "Leaf and Brush Pickup" }).waitFor();
      await page.getByRole("heading", { name: "Preview — not public yet" }).waitFor();
      const saved = await (await page.request.get(`${server.base}/api/v1/topics/leaf-pickup`)).json();
      assert.equal(saved.closes_at, "2027-06-01T23:30:00Z");
      assert.equal(saved.draft.version, 1, "a preview's draft changes in place");
      assert.ok(saved.draft.sections.some((s) => s.anchor === "brush"));
      const savedPolls = await (await page.request.get(`${server.base}/api/v1/topics/leaf-pickup/polls`)).json();
      assert.deepEqual(savedPolls.polls[0].options.map((o) => o.label), ["The first", "The last"]);
      assert.equal(savedPolls.polls[1].kind, "multiple");
      const inSpanish = await (await page.request.get(`${server.base}/api/v1/topics/leaf-pickup`, { headers: { "accept-language": "es" } })).json();
      assert.equal(inSpanish.title, "Recogida de hojas");
      assert.equal(inSpanish.draft.lang, "es");
      assert.deepEqual(inSpanish.draft.sections.map((s) => [s.anchor, s.heading]), [["dates", "Fechas"], ["bags", "Bolsas"], ["brush", "Ramas"]]);

      // Its key dates, on the same page, on the topic's clock.
      await page.goto(`${server.base}/admin/topics/leaf-pickup/edit`);
      await appReady(page);
      await page.getByLabel("What", { exact: true }).fill("Council meeting");
      await page.getByLabel(/When, on the topic's clock \(America\/Chicago\)/).fill("2027-06-07T18:00");
      await press(page.getByRole("button", { name: "Add the date" }));
      await page.getByRole("status").getByText("Date added.").waitFor();
      await page.getByText(/^Council meeting — /).waitFor();
      const dated = await (await page.request.get(`${server.base}/api/v1/topics/leaf-pickup`)).json();
      assert.equal(dated.dates[0].starts_at, "2027-06-07T23:00:00Z");
      // What was typed in the topic's form stays while a date is added.
      assert.equal(await page.getByLabel("Title", { exact: true }).inputValue(), "Leaf and Brush Pickup");

      // Then name its host from the admin's list, and publish.
      await press(page.getByRole("link", { name: "Topics (admin)" }));
      await page.getByRole("heading", { level: 1, name: "Topics" }).waitFor();
      const leaves = page.getByRole("article", { name: "Leaf and Brush Pickup" });
      await leaves.getByLabel("A host's email address").fill(HOST.email);
      await press(leaves.getByRole("button", { name: "Name as host" }));
      await page.getByRole("status").getByText("Host named.").waitFor();
      await leaves.getByText(HOST.email).waitFor();
      await press(leaves.getByRole("button", { name: "Publish this topic" }));
      await page.getByRole("status").getByText(/^Published: residents can now find this topic/).waitFor();
      assert.equal((await fetch(`${server.base}/topics/leaf-pickup`)).status, 200);
      const listed = await (await fetch(`${server.base}/api/v1/topics`)).json();
      assert.ok(listed.topics.some((t) => t.slug === "leaf-pickup"), "listed once published");
      // Once published, its draft changes by a revision, not in this form.
      await press(leaves.getByRole("link", { name: "Edit" }));
      await page.getByRole("heading", { level: 1, name: "Edit “Leaf and Brush Pickup”" }).waitFor();
      assert.equal(await page.getByLabel("The draft", { exact: true }).count(), 0);
      await page.getByRole("link", { name: "Revise the draft" }).waitFor();
      assert.deepEqual(browser.problems, []);
    });
  });
}
