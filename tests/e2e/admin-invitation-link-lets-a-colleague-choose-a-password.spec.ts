// Invitation and reset links in the browser: an admin adds a colleague with a one-time link instead
// of a password, the colleague opens it in their own browser, chooses a password and is in the inbox;
// the link then no longer works. The same kind of link resets an operator's password.
import { expect, test, type Browser, type Page } from "@playwright/test";
import type { User } from "@live-chat/protocol";
import { api, createOperator, login } from "../support/clients.js";
import { signInToInbox, useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer();

async function openUsers(page: Page) {
  await signInToInbox(page, server.url);
  await page.getByRole("link", { name: "Users" }).click();
  return page.locator("lc-admin-area");
}

/** A browser of someone else: nothing stored, English unless the page decides otherwise; wide enough to show who is signed in. */
async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("live-chat.inbox.locale", "en");
      sessionStorage.setItem("seeded", "1");
    }
  });
  return page;
}

test("an invited colleague chooses a password with the link, lands in the inbox, and the link is then used up", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  const admin = await openUsers(page);
  const form = admin.locator("form.create");

  // Choosing the invitation removes the password field.
  await expect(form.getByRole("radio", { name: "Set a password now" })).toHaveAttribute("aria-checked", "true");
  await expect(form.getByLabel("Password", { exact: true })).toBeVisible();
  // A radio group: one tab stop, arrow keys choose.
  await form.getByRole("radio", { name: "Set a password now" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(form.getByRole("radio", { name: "Send an invitation link" })).toHaveAttribute("aria-checked", "true");
  await expect(form.getByRole("radio", { name: "Send an invitation link" })).toBeFocused();
  await expect(form.getByRole("radio", { name: "Set a password now" })).toHaveAttribute("tabindex", "-1");
  await expect(form.getByLabel("Password", { exact: true })).toHaveCount(0);

  await form.getByLabel("Name").fill("Anna de Vries");
  await form.getByLabel("Email").fill("anna@example.com");
  // Anna reads Dutch: the link's page speaks it before she picks anything.
  await form.getByLabel("Language").selectOption("nl");
  const created = page.waitForRequest((r) => r.url().endsWith("/api/users") && r.method() === "POST");
  await form.getByRole("button", { name: "Add user" }).click();
  const sent = (await created).postDataJSON() as Record<string, unknown>;
  expect(sent).toMatchObject({ name: "Anna de Vries", email: "anna@example.com", invite: true, locale: "nl" });
  expect(sent).not.toHaveProperty("password");

  const panel = admin.getByRole("region", { name: "Invitation link for Anna de Vries" });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("Send this link to Anna de Vries. It works once and expires on");
  const linkField = panel.getByLabel("Sign-in link");
  await expect(linkField).toHaveJSProperty("readOnly", true);
  const link = await linkField.inputValue();
  expect(link).toMatch(new RegExp(`^${server.url}/inbox/#invite=[\\w-]{40,}$`));
  await panel.getByRole("button", { name: "Copy link" }).click();
  await expect(panel.getByRole("status")).toHaveText("Link copied.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  const statusOf = (name: RegExp) => admin.getByRole("row", { name }).getByRole("cell").nth(3);
  await expect(statusOf(/Anna de Vries/)).toContainText("Invited");

  // Anna, in her own browser.
  const anna = await freshPage(browser);
  await anna.goto(link);
  await expect(anna.getByRole("heading", { name: "Kies uw wachtwoord" })).toBeVisible();
  await expect(anna.getByText("Welkom, Anna de Vries!")).toBeVisible();
  await expect(anna.getByText("U logt in met anna@example.com.")).toBeVisible();
  // She prefers English for the interface.
  await anna.getByLabel("Taal").selectOption("en");
  await expect(anna.getByRole("heading", { name: "Choose your password" })).toBeVisible();
  await expect(anna.getByText("You sign in with anna@example.com.")).toBeVisible();

  // Two different passwords: said next to the field, nothing sent.
  let posted = 0;
  anna.on("request", (r) => {
    if (r.method() === "POST" && r.url().includes("/api/invitations/")) posted += 1;
  });
  await anna.getByLabel("Password", { exact: true }).fill("anna-password-1");
  await anna.getByLabel("Repeat password").fill("anna-password-2");
  await anna.getByRole("button", { name: "Save password and sign in" }).click();
  await expect(anna.locator("#invitation-confirm-error")).toHaveText("The two passwords are not the same. Type the same password twice.");
  await expect(anna.getByLabel("Repeat password")).toHaveAttribute("aria-invalid", "true");
  expect(posted).toBe(0);
  expect((await api(server.url, "/api/auth/login", { body: { email: "anna@example.com", password: "anna-password-1" } })).status).toBe(401);

  await anna.getByLabel("Repeat password").fill("anna-password-1");
  await anna.getByRole("button", { name: "Save password and sign in" }).click();
  await expect(anna.getByText("Signed in as Anna de Vries")).toBeVisible();
  await expect(anna.getByRole("tab", { name: /My chats/ })).toBeVisible();
  await expect(anna.getByRole("link", { name: "Users" })).toHaveCount(0);
  expect(posted).toBe(1);
  expect(new URL(anna.url()).hash).toBe("");
  // Her account keeps the language she picked, and her password works.
  const session = await login(server.url, "anna@example.com", "anna-password-1");
  await expect.poll(async () => (await api<User>(server.url, "/api/me", { token: session.token })).body.locale).toBe("en");
  // A reload keeps her signed in, now without the link.
  await anna.reload();
  await expect(anna.getByText("Signed in as Anna de Vries")).toBeVisible();

  // The same link again, anywhere: used up; the way on is the normal sign-in.
  const again = await freshPage(browser);
  await again.goto(link);
  await expect(again.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  await expect(again.getByRole("alert")).toHaveText("This link has expired or has already been used. Ask your admin for a new one.");
  await again.getByLabel("Language").selectOption("nl");
  await expect(again.getByRole("alert")).toHaveText("Deze link is verlopen of al gebruikt. Vraag uw beheerder om een nieuwe.");
  await again.getByRole("button", { name: "Naar inloggen" }).click();
  await expect(again.getByRole("heading", { name: "Inloggen in de inbox" })).toBeVisible();
  expect(new URL(again.url()).hash).toBe("");

  // The admin's list no longer shows her as invited.
  await page.reload();
  await expect(statusOf(/Anna de Vries/)).toHaveText("Active");
  await anna.context().close();
  await again.context().close();
});

test("a new sign-in link resets an operator's password: the old one works until the link is used, then only the new one", async ({ page, browser }) => {
  const adminToken = (await login(server.url)).token;
  const cor = await createOperator(server.url, adminToken, { name: "Cor Reset", email: "cor@example.com" });
  const ida = await api<User>(server.url, "/api/users", { token: adminToken, body: { name: "Ida Jansen", email: "ida@example.com", role: "operator", invite: true } });
  expect(ida.status).toBe(201);

  const admin = await openUsers(page);
  await admin.getByRole("row", { name: /Cor Reset/ }).getByRole("button", { name: "New sign-in link" }).click();
  const panel = admin.getByRole("region", { name: "Password reset link for Cor Reset" });
  await expect(panel).toContainText("With it Cor Reset chooses a new password; the current one keeps working until then.");
  await expect(panel).toContainText("Links made earlier for Cor Reset no longer work.");
  // The link is focused and selected, ready to copy.
  await expect(panel.getByLabel("Sign-in link")).toBeFocused();
  const link = await panel.getByLabel("Sign-in link").inputValue();
  await panel.getByRole("button", { name: "Done" }).click();
  await expect(panel).toHaveCount(0);

  // Until the link is used, the old password still works.
  await login(server.url, cor.email, cor.password);

  const corPage = await freshPage(browser);
  await corPage.goto(link);
  await expect(corPage.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(corPage.getByText("Hello, Cor Reset.")).toBeVisible();
  // Too short: said next to the field, nothing changes.
  await corPage.getByLabel("New password", { exact: true }).fill("short");
  await corPage.getByLabel("Repeat password").fill("short");
  await corPage.getByRole("button", { name: "Save password and sign in" }).click();
  await expect(corPage.locator("#invitation-password-error")).toHaveText("Use at least 8 characters.");
  await login(server.url, cor.email, cor.password);

  await corPage.getByLabel("New password", { exact: true }).fill("cor-new-password-1");
  await corPage.getByLabel("Repeat password").fill("cor-new-password-1");
  await corPage.getByRole("button", { name: "Save password and sign in" }).click();
  await expect(corPage.getByText("Signed in as Cor Reset")).toBeVisible();
  expect((await api(server.url, "/api/auth/login", { body: { email: cor.email, password: cor.password } })).status).toBe(401);
  await login(server.url, cor.email, "cor-new-password-1");
  await corPage.context().close();

  // For someone still invited, the new link is an invitation again.
  await expect(admin.getByRole("row", { name: /Ida Jansen/ }).getByRole("cell").nth(3)).toContainText("Invited");
  await expect(admin.getByRole("row", { name: /Cor Reset/ }).getByRole("cell").nth(3)).toHaveText("Active");
  await admin.getByRole("row", { name: /Ida Jansen/ }).getByRole("button", { name: "New sign-in link" }).click();
  await expect(admin.getByRole("region", { name: "Invitation link for Ida Jansen" })).toContainText("With it Ida Jansen chooses a password");

  // Both are in the history, in both languages.
  await page.getByRole("link", { name: "History" }).click();
  await expect(admin.getByRole("row", { name: /Cor Reset/ }).filter({ hasText: "sent a password reset link" })).toHaveCount(1);
  await expect(admin.getByRole("row", { name: /Ida Jansen/ }).filter({ hasText: "sent an invitation link" })).toHaveCount(1);
  await expect(admin.getByRole("row", { name: /Ida Jansen/ }).filter({ hasText: "created, with an invitation link" })).toHaveCount(1);
  await page.getByLabel("Language").first().selectOption("nl");
  await expect(admin.getByRole("row", { name: /Ida Jansen/ }).filter({ hasText: "stuurde een uitnodigingslink" })).toHaveCount(1);
  await expect(admin.getByRole("row", { name: /Cor Reset/ }).filter({ hasText: "stuurde een link voor een nieuw wachtwoord" })).toHaveCount(1);
});
