// At the end of a chat the visitor asks for the transcript by e-mail, against a real SMTP server
// started by the test: a malformed address is said next to the field, a good one gets the mail
// with every message of the chat (never the operator's notes) and a reply address into the chat.
import { spawnServer } from "../support/spawn-server.js";
import { emitAck } from "../support/clients.js";
import { startSmtpSink, replyToOf, toOf, type SmtpSink } from "../integration/mail-support.js";
import { expect, startChatWith, test as base } from "./widget-fixtures.js";

let smtp: SmtpSink;
base.beforeAll(async () => {
  smtp = await startSmtpSink();
});
base.afterAll(async () => {
  await smtp?.close();
});

const test = base.extend({
  server: async ({}, use) => {
    const server = await spawnServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: "Support <support@shop.example>", MAIL_POLL_MS: "100" } });
    await use(server);
    await server.stop();
  },
});

test("a visitor who ended the chat asks for the transcript and it arrives by mail", async ({ page, server, bringOperatorOnline }) => {
  const anna = await bringOperatorOnline("Anna");
  const conversation = await startChatWith(page, server.url, anna, "Is the blue vase back in stock?");
  await anna.say(conversation.id, "Yes, since this morning.");
  expect((await emitAck(anna.socket, "message:send", { conversationId: conversation.id, clientId: "note-1", body: "Internal: check the stock count", kind: "note" })).ok).toBe(true);
  await expect(page.getByText("Yes, since this morning.", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "End chat" }).click();
  await page.getByRole("button", { name: "Yes, end chat" }).click();
  await expect(page.getByText("Would you like the transcript of this chat by email?")).toBeVisible();

  const address = page.getByRole("textbox", { name: "Your email address" });
  await address.fill("sanne@");
  await page.getByRole("button", { name: "Email transcript" }).click();
  await expect(page.getByRole("alert")).toHaveText("Enter a valid email address, such as name@example.com.");
  await expect(address).toHaveAttribute("aria-invalid", "true");

  await address.fill("sanne@example.com");
  await page.getByRole("button", { name: "Email transcript" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The transcript is on its way to sanne@example.com." })).toBeVisible();
  await expect.poll(() => smtp.received.length, { timeout: 15_000 }).toBe(1);
  const mail = smtp.received[0]!;
  expect(toOf(mail)).toBe("sanne@example.com");
  expect(mail.subject).toMatch(/^Your chat with us on /);
  expect(mail.text).toContain("You: Is the blue vase back in stock?");
  expect(mail.text).toContain("Anna: Yes, since this morning.");
  expect(mail.text).not.toContain("Internal: check the stock count");
  expect(replyToOf(mail)).toMatch(new RegExp(`^reply\\+c-${conversation.id}-[0-9a-f]{20}@shop\\.example$`));
});
