// A Spanish-speaking resident: a browser that asks for Spanish gets the
// interface in Spanish (the server's first view and the app alike, with
// lang="es"), axe-clean, at phone and desktop sizes; reads a topic the
// city translated, and its original, and one it did not; takes part in
// Spanish; and the header's switch changes the language and remembers it.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, assertAccessible, resident, shoot } from "./harness.js";

const OPEN = "/topics/body-worn-cameras";

for (const size of ["phone", "desktop"]) {
  describe(`a resident whose browser speaks Spanish, at ${size} size`, () => {
    let server;
    let browser;
    let page;

    before(async () => {
      server = await startServer();
      browser = await openBrowser(size, { locale: "es-MX" });
      page = browser.page;
    });
    after(async () => {
      await browser?.context.close();
      server?.stop();
    });

    test("reads the topic list and a topic in Spanish", async () => {
      await page.goto(server.base);
      await page.getByRole("tab", { name: "Abiertos ahora" }).waitFor();
      assert.equal(await page.locator("html").getAttribute("lang"), "es");
      await page.getByRole("heading", { level: 1, name: "Pulse de City of Shakopee" }).waitFor();
      await page.locator("#live:not([hidden])").waitFor({ state: "attached" });
      await assertAccessible(page, "the topic list in Spanish");

      await page.goto(`${server.base}${OPEN}`);
      await page.getByRole("heading", { level: 2, name: "Novedades" }).waitFor();
      // The app has taken over from the server's first view, still in Spanish.
      await page.locator("#live:not([hidden])").waitFor({ state: "attached" });
      await page.getByText(/^Se cierra en .+, el \d+ de [a-z]+ de \d{4}/).waitFor();
      // The city translated this topic: its Spanish, said so once, with
      // the way to the original.
      await page.getByRole("heading", { level: 1, name: "Cámaras corporales" }).waitFor();
      await page.getByText("La ciudad tradujo este tema del inglés").waitFor();
      assert.equal(await page.title(), "Cámaras corporales · Pulse");
      const langOf = (locator) => locator.first().evaluate((e) => e.closest("[lang]").getAttribute("lang"));
      assert.equal(await langOf(page.getByRole("heading", { level: 1 })), "es");
      assert.equal(await langOf(page.locator(".summary")), "es");
      assert.equal(await langOf(page.locator("#draft-title")), "es");
      assert.equal(await langOf(page.locator("article.section .prose")), "es");
      assert.equal(await page.locator("article.update h3").first().innerText(), "Novedades de la reunión del Concejo Municipal del 11 de abril");
      assert.equal(await langOf(page.locator("article.update .prose")), "es");
      // Its polls too.
      await page.getByText("¿Cuánto tiempo deben conservarse las grabaciones sin valor como prueba?").waitFor();
      assert.equal(await langOf(page.locator("[id$='-question']")), "es");
      await page.getByRole("heading", { level: 4, name: "§ 3.1 Criterio del agente" }).waitFor();
      const section = page.getByRole("button", { name: /^Comentar el § 3 Cuándo graban los agentes \(/ });
      await section.click();
      const thread = page.getByRole("region", { name: "Comentarios sobre § 3 Cuándo graban los agentes" });
      await thread.getByText("Necesita una cuenta para participar.").waitFor();
      await assertAccessible(page, "a translated topic in Spanish with a thread open");
      await shoot(page, size, "topic-es");

      // The original, English inside the Spanish page, marked so for
      // screen readers: the same sections, at the same anchors.
      await page.getByRole("link", { name: "Leer el original (en inglés)" }).click();
      await page.waitForURL(`${server.base}${OPEN}?original`);
      await page.getByRole("heading", { level: 1, name: "Body Worn Cameras" }).waitFor();
      await page.getByText("Este es el original, en inglés.").waitFor();
      assert.equal(await langOf(page.getByRole("heading", { level: 1 })), "en");
      assert.equal(await langOf(page.locator(".summary")), "en");
      assert.equal(await langOf(page.locator("#draft-title")), "en");
      assert.equal(await langOf(page.locator("article.section .prose")), "en");
      assert.equal(await langOf(page.locator("article.update .prose")), "en");
      await page.getByText("How long should recordings with no evidentiary value be kept?").waitFor();
      assert.equal(await langOf(page.locator("[id$='-question']")), "en");
      assert.equal(await langOf(page.getByRole("heading", { level: 2, name: "Novedades" })), "es");
      await page.getByText("En inglés", { exact: false }).first().waitFor();
      await page.locator("#when-officers-record").waitFor();
      await assertAccessible(page, "the original of a translated topic, in a Spanish page");
      // The server's own first view of the original says the same.
      const first = await page.request.get(`${server.base}${OPEN}?original`, {
        headers: { "accept-language": "es-MX" },
      });
      const html = await first.text();
      assert.match(html, /<h1 lang="en">Body Worn Cameras<\/h1>/);
      await page.getByRole("link", { name: "Leer la traducción" }).click();
      await page.getByRole("heading", { level: 1, name: "Cámaras corporales" }).waitFor();

      // A topic the city has not translated says so, its English marked.
      await page.goto(`${server.base}/topics/parks-and-trails-plan`);
      await page.getByText("La ciudad publicó este tema en inglés").waitFor();
      assert.equal(await langOf(page.getByRole("heading", { level: 1 })), "en");
      assert.equal(await langOf(page.locator("#draft-title")), "en");
      assert.equal(await langOf(page.locator("[id$='-question']")), "en");
      await assertAccessible(page, "an untranslated topic in Spanish");
      await shoot(page, size, "topic-es");
    });

    test("creates an account and comments in Spanish", async () => {
      const who = resident("Lupe");
      await page.goto(`${server.base}/register`);
      await page.getByLabel("Correo electrónico").fill(who.email);
      await page.getByLabel("Nombre que aparece con sus comentarios").fill(who.name);
      await page.getByLabel("Contraseña").fill(who.password);
      await page.getByRole("button", { name: "Crear cuenta" }).click();
      await page.getByRole("link", { name: `${who.name} (cuenta)` }).waitFor();
      await assertAccessible(page, "signed in, in Spanish");

      await page.goto(`${server.base}${OPEN}`);
      await page.getByRole("button", { name: /^Comentar el § 3 Cuándo graban los agentes \(/ }).click();
      const thread = page.getByRole("region", { name: "Comentarios sobre § 3 Cuándo graban los agentes" });
      await thread.getByLabel("Su comentario").fill("Las cámaras deben grabar cada parada.");
      await thread.getByRole("button", { name: "Publicar el comentario" }).click();
      await thread.getByText("Las cámaras deben grabar cada parada.").waitFor();
      await assertAccessible(page, "a comment posted in Spanish");
    });

    test("switches to English from the header, and the choice is remembered", async () => {
      await page.goto(`${server.base}${OPEN}`);
      await page.getByRole("link", { name: "English" }).click();
      await page.waitForURL(`${server.base}${OPEN}`);
      await page.getByRole("heading", { level: 2, name: "Updates" }).waitFor();
      assert.equal(await page.locator("html").getAttribute("lang"), "en");
      assert.equal(await page.locator(".in-english").count(), 0, "no note on an English page");
      // The comment written on the Spanish page is marked Spanish on the
      // English one, for screen readers.
      await page.getByRole("button", { name: /^Comment on § 3 When officers record \(/ }).click();
      const written = page.getByText("Las cámaras deben grabar cada parada.");
      await written.waitFor();
      assert.equal(await written.evaluate((e) => e.closest("[lang]").getAttribute("lang")), "es");
      await page.goto(`${server.base}/`);
      await page.getByRole("tab", { name: "Currently Open" }).waitFor();
      // The link to the other language says its name in that language.
      const back = page.getByRole("link", { name: "Español" });
      assert.equal(await back.getAttribute("lang"), "es");
      await back.click();
      await page.getByRole("tab", { name: "Abiertos ahora" }).waitFor();
      assert.deepEqual(browser.problems, []);
    });
  });
}
