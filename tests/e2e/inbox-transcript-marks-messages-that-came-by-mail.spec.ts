// A visitor answers the transcript mail of an open chat: the reply lands in the chat, and the
// operator's transcript marks it "by e-mail" (nl: "per e-mail"); from then on the chat's own
// messages say "in chat" (nl: "in de chat"), so every message names its channel.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { api, connectVisitor, emitAck, login } from "../support/clients.js";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";
import { replyToOf, startSmtpSink, type SmtpSink } from "../integration/mail-support.js";
import { signInToInbox } from "./inbox-fixtures.js";

const SECRET = "inbound-secret-for-the-e2e-test";
let smtp: SmtpSink;
let server: SpawnedServer;

test.beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await spawnServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: "Support <support@shop.example>", MAIL_POLL_MS: "200", INBOUND_MAIL_SECRET: SECRET } });
});

test.afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

test("a visitor's reply by mail shows in the transcript marked by e-mail", async ({ page }) => {
  await signInToInbox(page, server.url);
  await page.getByLabel("Status").selectOption("online");
  const { socket: visitor } = await connectVisitor(server.url, { name: "Bram Jansen", locale: "en" });
  const started = await emitAck<{ ok: boolean; conversation: { id: string } }>(visitor, "conversation:start", { body: "Hello there", clientId: randomUUID() });
  expect(started.ok).toBe(true);
  await page.locator(".chat-row", { hasText: "Bram Jansen" }).getByRole("button").click();
  await expect(page.locator(".message", { hasText: "Hello there" })).toBeVisible();

  const token = (await login(server.url)).token;
  const queued = await api(server.url, `/api/conversations/${started.conversation.id}/transcript/email`, { token, body: { email: "bram@example.com" } });
  expect(queued.status).toBe(202);
  await expect.poll(() => smtp.received.length, { timeout: 15_000 }).toBe(1);
  const to = replyToOf(smtp.received[0]!);
  const raw = `From: bram@example.com\r\nTo: ${to}\r\nSubject: Re: your chat\r\nMessage-ID: <${randomUUID()}@example.com>\r\n\r\nThanks, one more question about the invoice.\r\n`;
  const res = await fetch(`${server.url}/api/inbound-mail?to=${encodeURIComponent(to)}`, { method: "POST", headers: { authorization: `Bearer ${SECRET}`, "content-type": "message/rfc822" }, body: raw });
  expect(res.status).toBe(202);

  const byMail = page.locator(".message", { hasText: "one more question about the invoice" });
  await expect(byMail.locator(".channel-mail")).toHaveText(/by e-mail/);
  const byChat = page.locator(".message", { hasText: "Hello there" });
  await expect(byChat.locator(".channel-mail")).toHaveCount(0);
  await expect(byChat.locator(".channel-chat")).toHaveText("in chat");
  await page.getByLabel("Language").selectOption("nl");
  await expect(byMail.locator(".channel-mail")).toHaveText(/per e-mail/);
  await expect(byChat.locator(".channel-chat")).toHaveText("in de chat");
  visitor.close();
});
