// Every page and opened state reads without sideways scrolling at 320 CSS
// pixels (WCAG 1.4.10 Reflow), and with the browser's text size at 200 %
// (WCAG 1.4.4 Resize Text) the text really doubles and nothing is cut off.
// Each keeps one h1 and its landmarks, and axe finds nothing, at every size.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, shoot, assertAccessible, demoHost, signIn } from "./harness.js";

/** The states to look at, each reached from a fresh page load. */
const states = [
  ["topic list", "/", async () => {}],
  ["open topic with § 3's thread and a reply form", "/topics/body-worn-cameras", async (page) => {
    await page.getByRole("button", { name: /^Comment on § 3 When officers record \(/ }).click();
    const thread = page.getByRole("region", { name: "Comments on § 3 When officers record" });
    await thread.getByLabel("Your comment", { exact: true }).fill("Long words like Rechtsschutzversicherungsgesellschaften must wrap.");
    await thread.getByRole("button", { name: "Post comment" }).click();
    await thread.getByText("Comment posted.").waitFor();
    await thread.locator("summary", { hasText: /^Reply to / }).first().click();
    await thread.getByText("Quote words of this section (optional)").first().click();
  }],
  ["closed topic with results", "/topics/downtown-parking-study", async (page) => {
    await page.getByRole("button", { name: /^Comment on § 1 Findings \(/ }).click();
  }],
  ["upcoming topic", "/topics/parks-and-trails-plan", async () => {}],
  ["host tools with a comment to answer", "/topics/body-worn-cameras/host", async (page) => {
    await page.getByText(/awaiting an official response, on the topics you host/).waitFor();
    await page.getByRole("button", { name: "Post official response" }).first().waitFor();
  }],
  ["comparison of a revised draft, unchanged sections open", "/topics/body-worn-cameras/versions/2/changes", async (page) => {
    await page.locator("details.unchanged summary").first().click();
  }],
  ["first version of a revised draft", "/topics/body-worn-cameras/versions/1", async () => {}],
  ["report for council", "/topics/body-worn-cameras/report", async (page) => {
    await page.getByRole("heading", { name: "Comments and responses" }).waitFor();
  }],
  ["account page", "/account", async () => {}],
  ["register page", "/register", async () => {}],
  ["missing page", "/no/such/page", async () => {}],
];

/** Where the page is wider than the window, or text is cut off by its box. */
function overflow(page) {
  return page.evaluate(() => {
    const found = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) {
      found.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${width}px window`);
    }
    for (const element of document.querySelectorAll("body *")) {
      const style = getComputedStyle(element);
      if (style.display === "none" || style.visibility === "hidden") continue;
      // Boxes that scroll on purpose (wide tables, the tab strip) are fine.
      if (/auto|scroll/.test(style.overflowX)) continue;
      // Words for screen readers only, in a 1-pixel box on purpose.
      if (element.classList.contains("visually-hidden")) continue;
      const clips = style.overflowX === "hidden" || style.overflowX === "clip";
      if (clips && element.scrollWidth > element.clientWidth + 1 && element.textContent.trim()) {
        found.push(`text is cut off in <${element.localName} class="${element.className}">`);
      }
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 1 && !element.closest(".skip-link")) {
        const scrolls = [...ancestors(element)].some((a) => /auto|scroll/.test(getComputedStyle(a).overflowX));
        if (!scrolls) found.push(`<${element.localName} class="${element.className}"> ends at ${Math.round(box.right)}px`);
      }
    }
    function* ancestors(element) {
      for (let a = element.parentElement; a && a !== document.body; a = a.parentElement) yield a;
    }
    return [...new Set(found)].slice(0, 10);
  });
}

for (const [size, fontSize, label] of [
  ["narrow", undefined, "320 px wide"],
  ["desktop", 32, "text at 200 %"],
  ["phone", 32, "a phone with text at 200 %"],
]) {
  describe(`at ${label}`, () => {
    let server;
    let browser;

    before(async () => {
      server = await startServer();
      browser = await openBrowser(size, { fontSize });
      // The demo's host: every resident's page, and the host's too.
      await signIn(browser.page, server.base, demoHost);
    });
    after(async () => {
      await browser?.context.close();
      server?.stop();
    });

    for (const [name, path, open] of states) {
      test(`the ${name} reads without scrolling sideways`, async () => {
        const { page } = browser;
        await page.goto(`${server.base}${path}`);
        // The app has replaced the server's first view (this browser uses
        // the page at once, so the app comes on every page): measured
        // mid-handover, a page can have no heading for a moment.
        await page.locator("#live:not([hidden])").waitFor({ state: "attached" });
        await page.getByRole("heading", { level: 1 }).waitFor();
        await open(page);
        if (fontSize) {
          const body = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
          assert.equal(body, fontSize, "the page follows the browser's text size");
        }
        assert.deepEqual(await overflow(page), []);
        assert.equal(await page.getByRole("heading", { level: 1 }).count(), 1, "one h1");
        for (const landmark of ["banner", "main", "contentinfo"]) {
          assert.equal(await page.getByRole(landmark).count(), 1, `one ${landmark} landmark`);
        }
        await assertAccessible(page, `the ${name} at ${label}`);
        await shoot(page, size === "narrow" ? "320px" : `${size}-text-200`, name.split(" ").slice(0, 2).join("-"));
      });
    }

    test("nothing went wrong in the page", () => {
      assert.deepEqual(browser.problems, []);
    });
  });
}
