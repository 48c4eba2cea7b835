// Following a topic by email, in a real browser with a real mail server:
// a reader without an account subscribes to the closed topic, confirms from
// the email's link, gets the host's update, and unsubscribes from the email;
// a signed-in resident subscribes with one tap, with the new comments of one
// section too, and finds it on the account page.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, startMailServer, openBrowser, shoot, assertAccessible, resident } from "./harness.js";

const CLOSED = "/topics/downtown-parking-study";
const OPEN = "/topics/body-worn-cameras";
const admin = { email: "admin@demo.pulse.example", password: "demo admin password" };

/** Posts an update as the demo's administrator, over the API. */
async function postUpdate(base, path, title) {
  const signIn = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(admin),
  });
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const posted = await fetch(`${base}/api/v1${path}/updates`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ title, body: "The council adopted the study's **plan**." }),
  });
  assert.equal(posted.status, 201);
}

/** The first address in a mail's text containing `part`. */
const linkIn = (mail, part) => mail.text.split(/\s+/).find((w) => w.startsWith("http") && w.includes(part));

for (const size of ["phone", "desktop"]) {
  describe(`following a topic by email at ${size} size`, () => {
    let mail;
    let server;
    let browser;
    let page;
    const press = (locator) => (size === "phone" ? locator.tap() : locator.click());

    before(async () => {
      mail = await startMailServer();
      server = await startServer(["--smtp-url", mail.url, "--mail-retry", "1"]);
      browser = await openBrowser(size);
      page = browser.page;
    });
    after(async () => {
      await browser?.context.close();
      server?.stop();
      mail?.stop();
    });

    test("a reader without an account subscribes, confirms from the email, hears the update and leaves in one click", async () => {
      const reader = `reader.${size}.${Date.now()}@example.org`;
      await page.goto(`${server.base}${CLOSED}`);
      // The app's own flow, once it has taken the first view's place (see
      // the signed-in test below).
      await page.locator("#live:not([hidden])").waitFor({ state: "attached" });
      const follow = page.getByRole("region", { name: "Follow this topic" });
      await follow.getByLabel("Your email address").fill(reader);
      await press(follow.getByRole("button", { name: "Subscribe" }));
      await follow.getByText("If that address can receive mail").waitFor();
      await assertAccessible(page, "the closed topic after subscribing");
      await shoot(page, size, "follow-by-email-sent");

      const confirm = await mail.waitFor(reader, "Confirm your subscription");
      await page.goto(linkIn(confirm, "/subscriptions/confirm"));
      await page.getByText("You are subscribed to “Downtown Parking Study”").waitFor();
      await assertAccessible(page, "the confirmed subscription");
      await shoot(page, size, "follow-confirmed");
      // Opened a second time (a second click, a mail program's preview),
      // the link still says so.
      await page.goto(linkIn(confirm, "/subscriptions/confirm"));
      await page.getByText("You are subscribed to “Downtown Parking Study”").waitFor();

      await postUpdate(server.base, CLOSED, `Adopted (${size})`);
      const notice = await mail.waitFor(reader, `Adopted (${size})`);
      assert.match(notice.headers["list-unsubscribe-post"], /One-Click/);
      const unsubscribe = notice.headers["list-unsubscribe"].replace(/[<>]/g, "");
      await page.goto(unsubscribe);
      await press(page.getByRole("button", { name: "Unsubscribe" }));
      await page.getByText("You are unsubscribed from “Downtown Parking Study”").waitFor();
      await assertAccessible(page, "the unsubscribe page");
      await shoot(page, size, "unsubscribed");

      // Another subscriber hears the next update: by then the reader's
      // notice, had there been one, would have come in the same round.
      const witness = `witness.${size}.${Date.now()}@example.org`;
      const asked = await fetch(`${server.base}/api/v1/topics/downtown-parking-study/subscriptions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: witness }),
      });
      assert.equal(asked.status, 202);
      const witnessConfirm = await mail.waitFor(witness, "Confirm your subscription");
      assert.equal((await fetch(linkIn(witnessConfirm, "/subscriptions/confirm"))).status, 200);
      const before = mail.mails(reader).length;
      await postUpdate(server.base, CLOSED, `After leaving (${size})`);
      await mail.waitFor(witness, `After leaving (${size})`);
      assert.equal(mail.mails(reader).length, before, "nothing arrives after unsubscribing");
      assert.deepEqual(browser.problems, []);
    });

    test("a signed-in resident subscribes with one tap and finds it on the account page", async () => {
      const who = resident("Rosa");
      const made = await page.request.post(`${server.base}/api/v1/accounts`, {
        data: { email: who.email, display_name: who.name, password: who.password },
      });
      assert.equal(made.status(), 201);
      await page.goto(`${server.base}${OPEN}`);
      // The app's own flow: once it has taken the first view's place (a
      // choice made in the very frame of the handover could land on the
      // first view's form as it leaves the page).
      await page.locator("#live:not([hidden])").waitFor({ state: "attached" });
      const follow = page.getByRole("region", { name: "Follow this topic" });
      // With the new comments of § 3 too.
      await follow.getByLabel("Also each new comment in").selectOption({ label: "§ 3 When officers record" });
      await press(follow.getByRole("button", { name: "Subscribe" }));
      await follow.getByText("You are subscribed.").waitFor();
      await follow.getByText("With each new comment in § 3 When officers record.").waitFor();
      await assertAccessible(page, "the open topic, subscribed");
      await press(follow.getByRole("link", { name: "Manage on your account page" }));
      const list = page.getByRole("list").filter({ hasText: "Body Worn Cameras" });
      await list.getByRole("link", { name: "Body Worn Cameras" }).waitFor();
      await list.getByText("With each new comment in § 3 When officers record.").waitFor();
      await assertAccessible(page, "the account page with a subscription");
      await shoot(page, size, "account-following");
      // Back to the topic's own notices.
      await press(list.getByRole("button", { name: /Stop the new comments of § 3/ }));
      await list.getByText("With each new comment in").waitFor({ state: "detached" });
      // The address is not confirmed yet: the account page offers the link.
      await page.getByRole("button", { name: "Send the link again" }).waitFor();
      assert.deepEqual(browser.problems, []);
    });
  });
}

// A reader whose browser speaks Spanish: the mail, the page its link opens
// and the unsubscribe page are all in Spanish, and each names the topic.
describe("a Spanish reader follows a topic by email", () => {
  let mail;
  let server;
  let browser;
  let page;

  before(async () => {
    mail = await startMailServer();
    server = await startServer(["--smtp-url", mail.url, "--mail-retry", "1"]);
    browser = await openBrowser("phone", { locale: "es-MX" });
    page = browser.page;
  });
  after(async () => {
    await browser?.context.close();
    server?.stop();
    mail?.stop();
  });

  test("subscribes, confirms and unsubscribes in Spanish", async () => {
    const reader = `lectora.${Date.now()}@example.org`;
    await page.goto(`${server.base}${CLOSED}`);
    await page.locator("#live:not([hidden])").waitFor({ state: "attached" });
    const follow = page.getByRole("region", { name: "Seguir este tema" });
    await follow.getByLabel("Su correo electrónico").fill(reader);
    await follow.getByRole("button", { name: "Suscribirse" }).tap();
    await follow.getByText("Si esa dirección puede recibir correo").waitFor();

    const confirm = await mail.waitFor(reader, "Confirme su suscripción");
    assert.equal(confirm.headers["content-language"], "es");
    await page.goto(linkIn(confirm, "/subscriptions/confirm"));
    await page.getByText("Está suscrito a «Downtown Parking Study»").waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "es");
    await assertAccessible(page, "the confirmed subscription, in Spanish");

    await postUpdate(server.base, CLOSED, "Adoptado");
    const notice = await mail.waitFor(reader, "Adoptado");
    assert.equal(notice.headers["content-language"], "es");
    assert.match(notice.text, /publicó una novedad/);
    // The link in the mail's words, not the one mail programs use.
    await page.goto(linkIn(notice, "/unsubscribe/"));
    assert.equal(await page.locator("html").getAttribute("lang"), "es");
    await page.getByText("Downtown Parking Study").first().waitFor();
    await page.getByRole("button", { name: "Cancelar la suscripción" }).tap();
    await page.getByText("Canceló su suscripción a «Downtown Parking Study»").waitFor();
    await page.getByRole("link", { name: "Volver a suscribirse" }).waitFor();
    await assertAccessible(page, "the unsubscribe page, in Spanish");
    await shoot(page, "phone", "unsubscribed-es");
    assert.deepEqual(browser.problems, []);
  });
});
