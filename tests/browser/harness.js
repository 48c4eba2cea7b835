// Starts the real `pulse serve` on a free port with a fresh SQLite database
// and the demo, and opens Debian's Chromium (never a downloaded browser) at
// a desktop or a phone size.
import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";
import assert from "node:assert/strict";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const screenshotDir = process.env.PULSE_SCREENSHOTS ?? join(root, "test-output", "screenshots");
// Each server's whole log, every answer with its time (`tests/run.sh` shows
// the slow ones and the warnings when a browser test fails).
export const serverLogDir = process.env.PULSE_SERVER_LOGS ?? join(root, "test-output", "server-logs");
let servers = 0;

export const sizes = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  // WCAG 1.4.10 Reflow: 320 CSS pixels wide, as a 1280 px screen at 400 %.
  narrow: { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
};

/**
 * Starts a server; resolves to { base, stop }. `args` are more flags (say,
 * `--smtp-url`); without one, mail is written into a folder of its own.
 */
export async function startServer(args = []) {
  const bin = process.env.PULSE_BIN ?? join(root, "target", "debug", "pulse");
  const dir = mkdtempSync(join(tmpdir(), "pulse-e2e-"));
  const child = spawn(
    bin,
    [
      "serve", "--bind", "127.0.0.1:0", "--database", `sqlite://${join(dir, "pulse.db")}`,
      "--client-dir", join(root, "dist"), "--demo", "--outbox-dir", join(dir, "outbox"), ...args,
    ],
    {
      env: { ...process.env, PULSE_LOG: "warn,pulse_server=info,tower_http=debug", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  mkdirSync(serverLogDir, { recursive: true });
  servers += 1;
  const script = (process.argv[1] ?? "node").split("/").pop().replace(/\.test\.js$/, "");
  const log = createWriteStream(join(serverLogDir, `${script}-${process.pid}-${servers}.log`));
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const base = await new Promise((ok, fail) => {
    let seen = "";
    const timer = setTimeout(() => fail(new Error(`pulse did not start:\n${seen}`)), 30_000);
    const read = (chunk) => {
      seen += chunk.toString();
      const found = seen.match(/listening on (http:\/\/[0-9.:]+)/);
      if (found) {
        clearTimeout(timer);
        ok(found[1]);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => fail(new Error(`pulse exited with ${code}:\n${seen}`)));
  });
  return { base, stop: () => child.kill("SIGTERM") };
}

/**
 * A fresh browser profile at `size`. `fontSize` is the browser's default
 * text size in pixels (16 unless a person changes it in the settings), so a
 * test can ask for text at 200 % the way a resident would; `locale` the
 * language the browser asks for (say, `es-MX`); `javaScript: false` a
 * browser whose scripts never run.
 *
 * A page loads the app at the first sign of someone using it (a touch, a
 * key, a field taking the focus; see `app/build.sh`). This browser is used
 * the moment each page has arrived, so the app comes at once, as it does
 * for a resident who starts reading and tapping; `onlyReads: true` is a
 * reader who has not touched the page yet, for whom it does not come.
 */
export async function openBrowser(size, { fontSize, locale, timezoneId, javaScript = true, onlyReads = false } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "pulse-chromium-"));
  if (fontSize) {
    mkdirSync(join(profile, "Default"));
    const prefs = { webkit: { webprefs: { default_font_size: fontSize } } };
    writeFileSync(join(profile, "Default", "Preferences"), JSON.stringify(prefs));
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    ...sizes[size],
    // The browser's language (navigator.language and Accept-Language).
    ...(locale ? { locale } : {}),
    // The computer's time zone (the tests' machine may be in any).
    ...(timezoneId ? { timezoneId } : {}),
    javaScriptEnabled: javaScript,
  });
  if (javaScript && !onlyReads) {
    await context.addInitScript(() => {
      addEventListener("DOMContentLoaded", () => dispatchEvent(new Event("focusin")));
    });
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("dialog", async (dialog) => {
    problems.push(`a dialog opened: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on("console", (message) => {
    // A refused request (a wrong password's 401) is logged by the browser
    // itself; the page shows the server's sentence for it.
    const refused = /Failed to load resource: the server responded with a status of 4\d\d/;
    if (message.type() === "error" && !refused.test(message.text())) problems.push(`console error: ${message.text()}`);
  });
  return { context, page, problems };
}

/**
 * Waits for the app to have taken the page over (it sets `data-app` on
 * `<html>` once, and keeps it while the page lives): for a test that acts
 * through the app rather than the server's first view.
 */
export async function appReady(page) {
  await page.locator("html[data-app=ready]").waitFor({ state: "attached" });
}

/** Saves a screenshot of the whole page for people to look at. */
export async function shoot(page, size, name) {
  const dir = join(screenshotDir, size);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Fails on any WCAG 2.0/2.1/2.2 A or AA violation axe finds. */
export async function assertAccessible(page, what) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " " + n.html + " " + n.failureSummary).join("\n  ")}`,
  );
  assert.deepEqual(summary, [], `axe found violations on ${what}`);
}

let counter = 0;
/** A new resident's details. */
export function resident(name) {
  counter += 1;
  return { name, email: `${name.toLowerCase()}.${Date.now()}.${counter}@example.org`, password: "correct horse battery" };
}

export async function register(page, base, who) {
  await page.goto(`${base}/register`);
  await page.getByLabel("Email address").fill(who.email);
  await page.getByLabel("Name shown with your comments").fill(who.name);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("link", { name: `${who.name} (account)` }).waitFor();
}

/** The demo's host of the Body Worn Cameras topic. */
export const demoHost = { name: "Joy Sutton", email: "host@demo.pulse.example", password: "demo host password" };

export async function signIn(page, base, who) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email address").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: `${who.name} (account)` }).waitFor();
}

/**
 * A real SMTP server on loopback (aiosmtpd, `tests/python/smtp_sink.py`,
 * installed by `make tools-python`); resolves to { url, mails(to), waitFor(to, subject), stop }.
 */
export async function startMailServer() {
  const python = join(process.env.PULSE_TEST_VENV ?? join(root, "target", "test-venv"), "bin", "python");
  const dir = mkdtempSync(join(tmpdir(), "pulse-e2e-mail-"));
  const child = spawn(python, [join(root, "tests", "python", "smtp_sink.py"), dir, "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise((ok, fail) => {
    let seen = "";
    const timer = setTimeout(() => fail(new Error(`the mail server did not start: ${seen}`)), 15_000);
    child.stdout.on("data", (chunk) => {
      seen += chunk.toString();
      const found = seen.match(/listening on (\d+)/);
      if (found) {
        clearTimeout(timer);
        ok(found[1]);
      }
    });
    child.on("exit", (code) => fail(new Error(`the mail server exited with ${code}: ${seen}`)));
  });
  const mails = (to) =>
    readdirSync(dir)
      .filter((f) => /^\d+\.json$/.test(f))
      .sort((a, b) => parseInt(a) - parseInt(b))
      .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")))
      .filter((m) => m.rcpt_tos.includes(to));
  const waitFor = async (to, subject, within = 20_000) => {
    const start = Date.now();
    for (;;) {
      const found = mails(to).filter((m) => m.headers.subject.includes(subject));
      if (found.length) return found[0];
      if (Date.now() - start > within) throw new Error(`no mail about “${subject}” reached ${to}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { url: `smtp://127.0.0.1:${port}`, mails, waitFor, stop: () => child.kill("SIGTERM") };
}
