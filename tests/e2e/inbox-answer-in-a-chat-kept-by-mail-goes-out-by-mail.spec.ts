// The customer left the widget and answered the transcript mail instead: the operator's reply typed
// in the inbox goes out by mail in the customer's thread, and the transcript marks it "by e-mail".
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { api, connectVisitor, emitAck, login } from "../support/clients.js";
import { headerOf, replyToOf, toOf } from "../integration/mail-support.js";
import { signInToInbox, useServerWithMail } from "./inbox-fixtures.js";

const SECRET = "inbound-secret-for-the-e2e-test";
const { server, smtp } = useServerWithMail({ INBOUND_MAIL_SECRET: SECRET });

test("an operator's reply to a customer who answered by mail is mailed back in their thread", async ({ page }) => {
  await signInToInbox(page, server.url);
  await page.getByLabel("Status").selectOption("online");
  const { socket: visitor } = await connectVisitor(server.url, { name: "Joris de Wit", email: "joris@example.com", locale: "en" });
  const started = await emitAck<{ ok: boolean; conversation: { id: string } }>(visitor, "conversation:start", { body: "Can I pay by invoice?", clientId: randomUUID() });
  await page.locator(".chat-row", { hasText: "Joris de Wit" }).getByRole("button").click();
  await expect(page.locator(".message", { hasText: "Can I pay by invoice?" })).toBeVisible();
  const token = (await login(server.url)).token;
  await api(server.url, `/api/conversations/${started.conversation.id}/transcript/email`, { token, body: {} });
  await expect.poll(() => smtp.received.length, { timeout: 15_000 }).toBe(1);
  visitor.close();
  await expect
    .poll(async () => (await api<Array<{ id: string; visitorConnected: boolean }>>(server.url, "/api/conversations", { token })).body.find((c) => c.id === started.conversation.id)?.visitorConnected)
    .toBe(false);

  // Joris answers the transcript mail from his mail program.
  const to = replyToOf(smtp.received[0]!);
  const raw = `From: joris@example.com\r\nTo: ${to}\r\nSubject: Re: my chat\r\nMessage-ID: <joris-1@example.com>\r\n\r\nAnd what is the payment term?\r\n`;
  const res = await fetch(`${server.url}/api/inbound-mail?to=${encodeURIComponent(to)}`, { method: "POST", headers: { authorization: `Bearer ${SECRET}`, "content-type": "message/rfc822" }, body: raw });
  expect(res.status).toBe(202);
  await expect(page.locator(".message", { hasText: "And what is the payment term?" }).locator(".channel-mail")).toBeVisible();

  await page.getByRole("textbox", { name: "Reply" }).fill("The payment term is 30 days.");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.locator(".message", { hasText: "The payment term is 30 days." }).locator(".channel-mail")).toHaveText(/by e-mail/);
  await expect.poll(() => smtp.received.filter((m) => headerOf(m, "x-live-chat-mail") === "chat_reply").length, { timeout: 15_000 }).toBe(1);
  const reply = smtp.received.find((m) => headerOf(m, "x-live-chat-mail") === "chat_reply")!;
  expect(toOf(reply)).toBe("joris@example.com");
  expect(reply.subject).toBe("Re: my chat");
  expect(reply.inReplyTo).toBe("<joris-1@example.com>");
  expect(replyToOf(reply)).toBe(to);
  expect(reply.text).toContain("The payment term is 30 days.");
});
