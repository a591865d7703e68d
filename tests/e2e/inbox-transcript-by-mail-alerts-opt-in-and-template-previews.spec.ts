// The inbox's mail controls against a real SMTP server: the operator mails a chat's transcript to
// the visitor from beside the chat, turns on their own "mail me when a chat waits" (kept on their
// account), and an admin previews every mail template in Dutch and English.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { MAIL_TEMPLATES } from "@live-chat/protocol";
import { api, connectVisitor, emitAck, login } from "../support/clients.js";
import { toOf } from "../integration/mail-support.js";
import { signInToInbox, useServerWithMail } from "./inbox-fixtures.js";

const { server, smtp } = useServerWithMail();

test("an operator mails the transcript of a chat to the visitor's address from beside the chat", async ({ page }) => {
  await signInToInbox(page, server.url);
  await page.getByLabel("Status").selectOption("online");
  const { socket: visitor } = await connectVisitor(server.url, { name: "Karin Smit", email: "karin@example.com", locale: "en" });
  expect((await emitAck(visitor, "conversation:start", { body: "Where is parcel 123?", clientId: randomUUID() })).ok).toBe(true);
  await page.locator(".chat-row", { hasText: "Karin Smit" }).getByRole("button").click();
  await expect(page.locator(".message", { hasText: "Where is parcel 123?" })).toBeVisible();

  await page.getByText("Mail the transcript").click();
  await expect(page.getByLabel("E-mail address for the transcript")).toHaveValue("karin@example.com");
  await page.getByRole("button", { name: "Send transcript" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The transcript is on its way to karin@example.com." })).toBeVisible();
  await expect.poll(() => smtp.received.filter((m) => toOf(m) === "karin@example.com").length, { timeout: 15_000 }).toBe(1);
  expect(smtp.received.find((m) => toOf(m) === "karin@example.com")!.text).toContain("You: Where is parcel 123?");

  await page.getByLabel("E-mail address for the transcript").fill("not-an-address");
  await page.getByRole("button", { name: "Send transcript" }).click();
  await expect(page.locator("lc-transcript-mail").getByRole("alert")).toBeVisible();
  visitor.close();
});

test("an operator turns on the waiting-chat mail for themselves, and it stays on", async ({ page }) => {
  await signInToInbox(page, server.url);
  const box = page.getByRole("checkbox", { name: "Mail me when a chat waits and nobody is online" });
  await expect(box).toBeEnabled();
  await expect(box).not.toBeChecked();
  await box.check();
  const token = (await login(server.url)).token;
  await expect.poll(async () => (await api<{ unansweredAlerts: boolean }>(server.url, "/api/me/mail-preferences", { token })).body.unansweredAlerts).toBe(true);
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Mail me when a chat waits and nobody is online" })).toBeChecked();
  await page.getByLabel("Language").selectOption("nl");
  await expect(page.getByRole("checkbox", { name: "Mail mij als een chat wacht en niemand online is" })).toBeChecked();
});

test("an admin previews every mail template in Dutch and in English", async ({ page }) => {
  await signInToInbox(page, server.url);
  await page.getByRole("link", { name: "Settings" }).click();
  const templates = page.locator("lc-admin-mail-templates");
  await expect(templates.getByRole("heading", { name: "Mail templates" })).toBeVisible();
  const token = (await login(server.url)).token;
  for (const name of MAIL_TEMPLATES) {
    for (const locale of ["nl", "en"] as const) {
      const expected = await api<{ subject: string; text: string }>(server.url, `/api/mail/templates/${name}/preview?locale=${locale}`, { token });
      await templates.getByLabel("Template", { exact: true }).selectOption(name);
      await templates.getByLabel("Language of the mail").selectOption(locale);
      await expect(templates.locator(".mail-template-subject")).toHaveText(`Subject: ${expected.body.subject}`);
      await expect(templates.locator(".mail-template-text")).toHaveText(expected.body.text);
      const firstLine = expected.body.text.split("\n")[0]!;
      await expect(templates.frameLocator("iframe.mail-template-html").locator("body")).toContainText(firstLine);
    }
  }
});
