// An operator tags a chat at closing: the closing checklist shows "Contact reason" only from the
// closing phase on, offers the active reasons (not the retired one), and what is ticked is what the
// server then has; the step speaks Dutch after switching, and the chat still ends with no reason.
import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import type { ContactReason, Conversation } from "@live-chat/protocol";
import { api, connectVisitor, emitAck, login } from "../support/clients.js";
import { signInToInbox, useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer();

async function reason(token: string, names: { nl: string; en: string }): Promise<ContactReason> {
  const res = await api<ContactReason>(server.url, "/api/contact-reasons", { method: "POST", token, body: { names } });
  expect(res.status).toBe(201);
  return res.body;
}

async function taggedWith(token: string, reasonId: string): Promise<string[]> {
  const res = await api<Conversation[]>(server.url, `/api/conversations?reason=${reasonId}`, { token });
  expect(res.status).toBe(200);
  return res.body.map((c) => c.id);
}

test("an operator picks contact reasons in the closing checklist", async ({ page }) => {
  const admin = await login(server.url);
  const order = await reason(admin.token, { nl: "Bestelling", en: "Order" });
  const invoice = await reason(admin.token, { nl: "Factuur", en: "Invoice" });
  const old = await reason(admin.token, { nl: "Oud", en: "Old topic" });
  expect((await api(server.url, `/api/contact-reasons/${old.id}`, { method: "DELETE", token: admin.token })).status).toBe(200);

  await signInToInbox(page, server.url);
  await page.getByLabel("Status").selectOption("online");
  const { socket: visitor } = await connectVisitor(server.url, { name: "Tess Tag", locale: "en" });
  const started = await emitAck(visitor, "conversation:start", { body: "Where is my order?", clientId: randomUUID() });
  expect(started.ok).toBe(true);
  const id: string = started.conversation.id;
  await page.locator(".chat-row", { hasText: "Tess Tag" }).getByRole("button").click();

  const checklist = page.getByRole("group", { name: "Closing checklist" });
  const step = checklist.getByRole("group", { name: "Contact reason" });
  await expect(checklist).toBeVisible();
  await expect(step).toHaveCount(0);

  await page.getByRole("navigation", { name: "Conversation phase" }).getByRole("button", { name: /Closing/ }).click();
  await expect(step).toBeVisible();
  await expect(step.getByRole("checkbox")).toHaveCount(2);
  await expect(step.getByLabel("Old topic")).toHaveCount(0);

  await step.getByLabel("Order").check();
  await step.getByLabel("Invoice").check();
  await expect.poll(() => taggedWith(admin.token, invoice.id)).toEqual([id]);
  expect(await taggedWith(admin.token, order.id)).toEqual([id]);
  await step.getByLabel("Invoice").uncheck();
  await expect.poll(() => taggedWith(admin.token, invoice.id)).toEqual([]);
  expect(await taggedWith(admin.token, order.id)).toEqual([id]);

  await page.getByLabel("Language").selectOption("nl");
  const stepNl = page.getByRole("group", { name: "Contactreden" });
  await expect(stepNl.getByLabel("Bestelling")).toBeChecked();
  await expect(stepNl.getByLabel("Factuur")).not.toBeChecked();
  await page.getByLabel("Taal").selectOption("en");

  // No reason is needed to end a chat: untick the last one, the visitor leaves, the operator ends it.
  await step.getByLabel("Order").uncheck();
  await expect.poll(() => taggedWith(admin.token, order.id)).toEqual([]);
  expect((await emitAck(visitor, "conversation:leave", { conversationId: id })).ok).toBe(true);
  await page.getByRole("button", { name: "End chat" }).click();
  await expect(page.getByText("This chat has ended.")).toBeVisible();
  visitor.close();
});
