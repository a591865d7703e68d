// An operator answers an offline message from the Offline messages tab: the answer reaches a real
// SMTP server as a mail to the visitor, and the item then says who answered and when.
import { expect, test } from "@playwright/test";
import { connectVisitor, emitAck } from "../support/clients.js";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";
import { startSmtpSink, toOf, type SmtpSink } from "../integration/mail-support.js";
import { signInToInbox } from "./inbox-fixtures.js";

let smtp: SmtpSink;
let server: SpawnedServer;

test.beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await spawnServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: "Support <support@example.com>", MAIL_POLL_MS: "200" } });
});

test.afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

test("an operator answers an offline message and the visitor gets the mail", async ({ page }) => {
  const { socket: visitor } = await connectVisitor(server.url, { locale: "en" });
  const ack = await emitAck<{ ok: boolean; id: string }>(visitor, "offline:message", { name: "Olivia", email: "olivia@example.com", body: "Where is my invoice?" });
  expect(ack.ok).toBe(true);

  await signInToInbox(page, server.url);
  await page.getByRole("tab", { name: /Offline messages/ }).click();
  const item = page.locator(".offline-item", { hasText: "Olivia" });
  const send = item.getByRole("button", { name: "Send by e-mail" });
  // Nothing to send yet: the button waits for a text.
  await expect(send).toBeDisabled();
  await item.getByLabel("Your answer by e-mail").fill("We sent the invoice again this morning.");
  await send.click();

  await expect(item.locator(".answered")).toHaveText(/^Answered by .+ at .+/);
  await expect(item.getByRole("button", { name: "Send by e-mail" })).toHaveCount(0);
  await expect.poll(() => smtp.received.length, { timeout: 15_000 }).toBe(1);
  const mail = smtp.received[0]!;
  expect(toOf(mail)).toBe("olivia@example.com");
  expect(mail.text).toContain("We sent the invoice again this morning.");

  await page.getByLabel("Language").selectOption("nl");
  await expect(item.locator(".answered")).toHaveText(/^Beantwoord door .+ om .+/);
  visitor.close();
});
