// Switching the interface language in the admin area re-renders its texts in place: a half-filled
// settings form or canned-reply editor keeps its edits, server errors then speak the new language,
// and the choice is stored on the account (PATCH /api/me), so it survives a reload.
import { expect, test, type Page } from "@playwright/test";
import type { Settings, User } from "@live-chat/protocol";
import { ADMIN, api, login } from "../support/clients.js";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";

let server: SpawnedServer;
test.beforeAll(async () => {
  server = await spawnServer();
});
test.afterAll(async () => {
  await server?.stop();
});

/** Signs the admin in with an English interface (whatever the account said before) and opens a section. */
async function openAdmin(page: Page, section: string) {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("test.started")) {
      sessionStorage.setItem("test.started", "1");
      localStorage.setItem("live-chat.inbox.locale", "en");
    }
  });
  await page.goto(`${server.url}/inbox`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: section }).click();
  return page.locator("lc-admin-area");
}

const topBarLanguage = (page: Page) => page.locator("header.topbar").getByRole("combobox", { name: /^(Language|Taal)\b/ });

test("an unsaved settings edit survives a switch to Dutch, the server then refuses in Dutch, and Dutch stays after a reload", async ({ page }) => {
  const admin = await openAdmin(page, "Settings");
  await expect(admin.getByRole("heading", { name: "Settings", exact: true })).toBeVisible();
  await admin.getByLabel("Default max chats for new users").fill("6");
  await admin.getByLabel("Greeting (English)").fill("Hi there, half typed");

  // Every request already names the interface language.
  const settingsLoads: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/")) settingsLoads.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  const stored = page.waitForResponse((r) => r.url().endsWith("/api/me") && r.request().method() === "PATCH");
  await topBarLanguage(page).selectOption("nl");
  const patched = await stored;
  expect(patched.status()).toBe(200);
  expect(patched.request().headers()["x-locale"]).toBe("nl");
  expect(((await patched.json()) as User).locale).toBe("nl");

  // The texts are Dutch, the edits are still there, and nothing was reloaded from the server.
  await expect(admin.getByRole("heading", { name: "Instellingen", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Gebruikers" })).toBeVisible();
  await expect(admin.getByLabel("Standaard max. chats voor nieuwe gebruikers")).toHaveValue("6");
  await expect(admin.getByLabel("Begroeting (Engels)")).toHaveValue("Hi there, half typed");
  expect(settingsLoads.filter((r) => r === "GET /api/settings")).toEqual([]);

  // A value the server refuses: its message comes back in Dutch, shown next to the field; nothing is stored.
  await admin.getByLabel("Maximale wachttijd (seconden)").fill("5");
  const refused = page.waitForResponse((r) => r.url().endsWith("/api/settings") && r.request().method() === "PATCH");
  await admin.getByRole("button", { name: "Instellingen opslaan" }).click();
  const response = await refused;
  expect(response.status()).toBe(400);
  expect(response.request().headers()["x-locale"]).toBe("nl");
  const body = (await response.json()) as { error: { code: string; field?: string; message: string } };
  expect(body.error).toMatchObject({ code: "BAD_REQUEST", field: "waitLimitSeconds" });
  expect(body.error.message).toMatch(/^Het verzoek is niet begrepen/);
  await expect(admin.locator("#waitLimitSeconds-error")).toHaveText("Deze waarde wordt niet geaccepteerd. Controleer haar en probeer het opnieuw.");
  await expect(admin.getByLabel("Maximale wachttijd (seconden)")).toBeFocused();
  const token = (await login(server.url)).token;
  expect((await api<Settings>(server.url, "/api/settings", { token })).body.defaultMaxChats).toBe(3);

  // Back to English: the error under the field follows, the edits still stand.
  await topBarLanguage(page).selectOption("en");
  await expect(admin.locator("#waitLimitSeconds-error")).toHaveText("This value is not accepted. Check it and try again.");
  await expect(admin.getByLabel("Default max chats for new users")).toHaveValue("6");
  await topBarLanguage(page).selectOption("nl");
  await expect(admin.locator("#waitLimitSeconds-error")).toHaveText(/^Deze waarde wordt niet geaccepteerd/);

  // Corrected, the whole edit saves.
  await admin.getByLabel("Maximale wachttijd (seconden)").fill("90");
  await admin.getByRole("button", { name: "Instellingen opslaan" }).click();
  await expect(admin.getByRole("status")).toHaveText("Instellingen opgeslagen.");
  const saved = (await api<Settings>(server.url, "/api/settings", { token })).body;
  expect(saved).toMatchObject({ defaultMaxChats: 6, waitLimitSeconds: 90, widget: { greeting: { en: "Hi there, half typed" } } });

  // The account keeps Dutch: the server answers in it even without X-Locale, and a reload (even with
  // this browser's own memory of the language gone) comes back in Dutch.
  await expect.poll(async () => (await api<User>(server.url, "/api/me", { token })).body.locale).toBe("nl");
  const refusedByAccount = await api<{ error: { message: string } }>(server.url, "/api/settings", { method: "PATCH", token, body: { waitLimitSeconds: 1 } });
  expect(refusedByAccount.body.error.message).toMatch(/^Het verzoek is niet begrepen/);
  await page.evaluate(() => localStorage.removeItem("live-chat.inbox.locale"));
  await page.reload();
  await expect(admin.getByRole("heading", { name: "Instellingen", exact: true })).toBeVisible();
  await expect(topBarLanguage(page)).toHaveValue("nl");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
});

test("a half-written canned reply survives a language switch", async ({ page }) => {
  const admin = await openAdmin(page, "Canned replies");
  await admin.getByRole("button", { name: "New reply" }).click();
  await admin.getByLabel("Title").fill("Half done");
  await admin.getByLabel("Text", { exact: true }).fill("Thanks for waiting, {visitor.firstName|there}");
  await admin.getByRole("checkbox", { name: "Closing" }).check();

  await topBarLanguage(page).selectOption("nl");
  await expect(admin.getByRole("heading", { name: "Nieuw standaardantwoord" })).toBeVisible();
  await expect(admin.getByLabel("Titel")).toHaveValue("Half done");
  await expect(admin.getByLabel("Tekst", { exact: true })).toHaveValue("Thanks for waiting, {visitor.firstName|there}");
  await expect(admin.getByRole("checkbox", { name: "Afsluiting" })).toBeChecked();

  // Saving without a title is refused next to the field, in Dutch.
  await admin.getByLabel("Titel").fill("");
  await admin.getByRole("button", { name: "Opslaan" }).click();
  await expect(admin.locator("#title-error")).toHaveText(/^Deze waarde wordt niet geaccepteerd/);
  await admin.getByLabel("Titel").fill("Half done");
  await admin.getByRole("button", { name: "Opslaan" }).click();
  await expect(admin.getByRole("status")).toHaveText("Opgeslagen.");
  await expect(admin.getByRole("row", { name: /Half done/ })).toBeVisible();
});
