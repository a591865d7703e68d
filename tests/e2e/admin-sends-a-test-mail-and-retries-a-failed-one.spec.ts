// Settings' Mail section against a real SMTP server: an admin sends a test mail and it arrives;
// with the SMTP server down a mail fails (one attempt allowed), shows as failed, and Retry sends it
// once the server is back. Without SMTP_URL the section says mail is not configured.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN } from "../support/clients.js";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";
import { startSmtpSink, toOf, type SmtpSink } from "../integration/mail-support.js";

let smtp: SmtpSink;
let server: SpawnedServer;

test.beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await spawnServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: "Support <support@example.com>", MAIL_POLL_MS: "200", MAIL_MAX_ATTEMPTS: "1" } });
});

test.afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

async function openSettings(page: Page, url: string) {
  await page.addInitScript(() => localStorage.setItem("live-chat.inbox.locale", "en"));
  await page.goto(`${url}/inbox`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Settings" }).click();
  return page.locator("lc-admin-mail");
}

test("an admin sends a test mail, and retries one that failed while SMTP was down", async ({ page }) => {
  const mail = await openSettings(page, server.url);
  await expect(mail.locator(".mail-configured")).toContainText("support@example.com");
  await mail.getByRole("button", { name: "Send test mail" }).click();
  await expect(mail.getByRole("status")).toHaveText("A test mail is on its way to you.");
  await expect.poll(() => smtp.received.length, { timeout: 15_000 }).toBe(1);
  expect(toOf(smtp.received[0]!)).toBe(ADMIN.email);

  await smtp.down();
  await mail.getByRole("button", { name: "Send test mail" }).click();
  // The outbox shows it failed once the one allowed attempt is spent.
  await expect.poll(async () => {
    await page.getByRole("link", { name: "Users" }).click();
    await page.getByRole("link", { name: "Settings" }).click();
    return mail.locator("tr.mail-failed").count();
  }, { timeout: 20_000 }).toBe(1);
  await smtp.up();
  await mail.locator("tr.mail-failed").getByRole("button", { name: "Retry" }).click();
  await expect.poll(() => smtp.received.length, { timeout: 15_000 }).toBe(2);
  await expect(mail.locator("tr.mail-failed")).toHaveCount(0);

  await page.getByLabel(/Language|Taal/).selectOption("nl");
  await expect(mail.getByRole("heading", { name: "Mail" })).toBeVisible();
  await expect(mail.getByRole("button", { name: "Verstuur testmail" })).toBeVisible();
});

test("without SMTP_URL the section says mail is not configured and offers no test mail", async ({ page }) => {
  const bare = await spawnServer();
  try {
    const mail = await openSettings(page, bare.url);
    await expect(mail.locator(".mail-not-configured")).toHaveText("Mail is not configured (set SMTP_URL): mails stay queued.");
    await expect(mail.getByRole("button", { name: "Send test mail" })).toHaveCount(0);
  } finally {
    await bare.stop();
  }
});
