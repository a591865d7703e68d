// The users and settings screens against a real server: a new operator can sign in, a deactivated
// one cannot; settings save only what changed, and a refused value is explained next to its field.
import { expect, test, type Page } from "@playwright/test";
import type { AuditEntry, Settings } from "@live-chat/protocol";
import { ADMIN, api, login } from "../support/clients.js";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";

let server: SpawnedServer;
test.beforeAll(async () => {
  server = await spawnServer();
});
test.afterAll(async () => {
  await server?.stop();
});

async function openAdmin(page: Page, section: string, locale: "en" | "nl" = "en") {
  await page.addInitScript((l) => localStorage.setItem("live-chat.inbox.locale", l), locale);
  await page.goto(`${server.url}/inbox`);
  await page.getByLabel(locale === "nl" ? "E-mail" : "Email").fill(ADMIN.email);
  await page.getByLabel(locale === "nl" ? "Wachtwoord" : "Password").fill(ADMIN.password);
  await page.getByRole("button", { name: locale === "nl" ? "Inloggen" : "Sign in" }).click();
  await page.getByRole("link", { name: section }).click();
  return page.locator("lc-admin-area");
}

test("an admin adds an operator who can sign in, then deactivates them after confirming", async ({ page }) => {
  const admin = await openAdmin(page, "Users");
  await admin.getByLabel("Name").fill("Nina Nieuw");
  await admin.getByLabel("Email").fill("nina@example.com");
  await admin.getByLabel("Password").fill("short");
  await admin.getByRole("button", { name: "Add user" }).click();
  await expect(admin.locator("#new-password-error")).toBeVisible();
  await admin.getByLabel("Password").fill("nina-password-1");
  await admin.getByLabel("Max chats").fill("4");
  await admin.getByRole("button", { name: "Add user" }).click();
  await expect(admin.getByRole("status")).toHaveText("Nina Nieuw can now sign in.");
  await expect(admin.getByRole("row", { name: /Nina Nieuw/ })).toContainText("4");
  expect((await api(server.url, "/api/auth/login", { body: { email: "nina@example.com", password: "nina-password-1" } })).status).toBe(200);

  await admin.getByRole("row", { name: /Nina Nieuw/ }).getByRole("button", { name: "Deactivate" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(admin.getByRole("row", { name: /Nina Nieuw/ })).toContainText("Deactivated");
  expect((await api(server.url, "/api/auth/login", { body: { email: "nina@example.com", password: "nina-password-1" } })).status).toBe(401);
});

test("settings save only what changed, and a refused time zone is explained in Dutch next to the field", async ({ page }) => {
  const admin = await openAdmin(page, "Instellingen", "nl");
  await admin.getByLabel("Accentkleur").fill("#aa3300");
  await expect(admin.locator(".panel-head")).toHaveCSS("background-color", "rgb(170, 51, 0)");
  await admin.getByLabel("Begroeting (Engels)").fill("Hello! Ask us anything.");
  await admin.getByLabel("Standaardtaal").selectOption("en");
  await expect(admin.getByTestId("widget-preview-greeting")).toHaveText("Hello! Ask us anything.");
  await admin.getByRole("button", { name: "Instellingen opslaan" }).click();
  await expect(admin.getByRole("status")).toHaveText("Instellingen opgeslagen.");

  const token = (await login(server.url)).token;
  const saved = await api<Settings>(server.url, "/api/settings", { token });
  expect(saved.body.widget).toMatchObject({ accentColor: "#aa3300", defaultLocale: "en", greeting: { en: "Hello! Ask us anything." } });
  const history = await api<AuditEntry[]>(server.url, "/api/audit?entity=setting&limit=1", { token });
  expect(Object.keys(history.body[0]!.data as object)).toEqual(["widget"]);

  await admin.getByLabel("Tijdzone").fill("Mars/Olympus");
  await admin.getByLabel("Tijdzone").press("Tab");
  await admin.getByRole("button", { name: "Instellingen opslaan" }).click();
  await expect(admin.locator("#time-zone-error")).toHaveText("Deze waarde wordt niet geaccepteerd. Controleer haar en probeer het opnieuw.");
  await expect(admin.getByLabel("Tijdzone")).toBeFocused();
  expect((await api<Settings>(server.url, "/api/settings", { token })).body.businessHours.timeZone).toBe("Europe/Amsterdam");
});
