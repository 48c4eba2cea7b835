// A resident's own account in their hands, at phone and desktop sizes:
// sign out from the header without losing the page; change the name, the
// address and the password; see their comments and votes; delete the
// account, once keeping the comments under "Former participant" and once
// withdrawing them. Each screen is checked with axe.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, assertAccessible, resident, register, signIn } from "./harness.js";

const OPEN = "/topics/body-worn-cameras";

for (const size of ["phone", "desktop"]) {
  describe(`a resident's account, at ${size} size`, () => {
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

    async function comment(text) {
      await page.goto(`${server.base}${OPEN}`);
      await page.getByRole("button", { name: /^Comment on § 7 Retention \(/ }).click();
      const thread = page.getByRole("region", { name: "Comments on § 7 Retention" });
      await thread.getByLabel("Your comment", { exact: true }).fill(text);
      await thread.getByRole("button", { name: "Post comment" }).click();
      await thread.getByText(text).waitFor();
    }

    test("signs out from the header and stays on the page", async () => {
      const who = resident("Hana");
      await register(page, server.base, who);
      await page.goto(`${server.base}${OPEN}`);
      await page.getByRole("button", { name: "Sign out", exact: true }).click();
      await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }).waitFor();
      assert.equal(new URL(page.url()).pathname, OPEN);
      const session = await page.request.get(`${server.base}/api/v1/session`);
      assert.equal((await session.json()).account, null);
    });

    test("changes name, address and password, and sees their activity", async () => {
      const who = resident("Ines");
      await register(page, server.base, who);
      await comment("Ninety days is enough.");
      await page.goto(`${server.base}/account`);
      const activity = page.getByRole("region", { name: "My activity" });
      await activity.getByRole("link", { name: "Your comment on Body Worn Cameras" }).waitFor();
      await activity.getByText("Ninety days is enough.").waitFor();
      await assertAccessible(page, "the account page");

      const name = page.getByRole("region", { name: "Your name" });
      await name.getByLabel("Name shown with your comments").fill("Ines R.");
      await name.getByRole("button", { name: "Save the name" }).click();
      await name.getByText("Your name is changed, on your comments too.").waitFor();
      await page.getByRole("link", { name: "Ines R. (account)" }).waitFor();

      const password = page.getByRole("region", { name: "Your password" });
      await password.getByLabel("Current password").fill("not it at all");
      await password.getByLabel("New password").fill("a brand new passphrase");
      await password.getByRole("button", { name: "Change the password" }).click();
      await password.getByRole("alert").getByText("That is not your current password. Check it and try again.").waitFor();
      await password.getByLabel("Current password").fill(who.password);
      await password.getByRole("button", { name: "Change the password" }).click();
      await password.getByText("Your password is changed.", { exact: false }).waitFor();

      const address = page.getByRole("region", { name: "Your email address" });
      const newEmail = `new.${who.email}`;
      await address.getByLabel("New email address").fill(newEmail);
      await address.getByLabel("Current password").fill("a brand new passphrase");
      await address.getByRole("button", { name: "Change the address" }).click();
      await address.getByText(`Your address is now ${newEmail}.`, { exact: false }).waitFor();
      await assertAccessible(page, "the account page after changes");

      await page.getByRole("button", { name: "Sign out", exact: true }).click();
      await signIn(page, server.base, { ...who, name: "Ines R.", email: newEmail, password: "a brand new passphrase" });
    });

    for (const [choice, label] of [
      ["keep", "Keep them, shown under “Former participant”"],
      ["withdraw", "Withdraw them: a note saying they were withdrawn takes their place"],
    ]) {
      test(`deletes the account and chooses to ${choice} the comments`, async () => {
        const who = resident(choice === "keep" ? "Keeper" : "Leaver");
        await register(page, server.base, who);
        const text = `Words of ${who.email}.`;
        await comment(text);
        await page.goto(`${server.base}/account`);
        const danger = page.getByRole("region", { name: "Delete your account" });
        // Nothing goes without a choice and the password.
        await danger.getByRole("button", { name: "Delete my account" }).click();
        const summary = danger.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });
        await summary.waitFor();
        assert.deepEqual(await summary.getByRole("link").allTextContents(), [
          "Choose what should happen to your comments.",
          "Enter your password.",
        ]);
        await danger.getByLabel(label).check();
        await danger.getByLabel("Current password").fill(who.password);
        await danger.getByRole("button", { name: "Delete my account" }).click();
        await page.getByText("Your account is deleted.").waitFor();
        await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }).waitFor();
        await assertAccessible(page, "after deleting an account");

        await page.goto(`${server.base}${OPEN}`);
        await page.getByRole("button", { name: /^Comment on § 7 Retention \(/ }).click();
        const thread = page.getByRole("region", { name: "Comments on § 7 Retention" });
        if (choice === "keep") {
          await thread.getByText(text).waitFor();
          await thread.getByText("Former participant").first().waitFor();
        } else {
          await thread.getByText("Withdrawn by its author.").first().waitFor();
          assert.equal(await thread.getByText(text).count(), 0);
        }
        const refused = await page.request.post(`${server.base}/api/v1/session`, {
          data: { email: who.email, password: who.password },
          headers: { origin: server.base },
        });
        assert.equal(refused.status(), 401);
        assert.deepEqual(browser.problems, []);
      });
    }
  });
}
