// Reports count the promises made in chats: how many were made, kept on time, kept late, still open
// and overdue, and the share kept on time of those done or past their time; in English and in Dutch.
import { expect, test, type Locator } from "@playwright/test";
import { randomUUID } from "node:crypto";
import type { Conversation, FollowUp } from "@live-chat/protocol";
import { api, connectVisitor, createOperator, emitAck, login, nextEvent, onlineOperator } from "../support/clients.js";
import { signInToInbox, useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer();

/** The figure on the tile whose label is exactly `label`. */
function figure(section: Locator, label: string): Locator {
  return section.locator(".tile").filter({ has: section.page().locator(".label", { hasText: new RegExp(`^${label.replace(/[()]/g, "\\$&")}$`) }) }).locator(".value");
}

test("the reports show how many follow-ups were promised and kept", async ({ page }) => {
  const admin = await login(server.url);
  const operator = await createOperator(server.url, admin.token, { name: "Ruben Report" });
  const socket = await onlineOperator(server.url, operator.token);
  const assigned = nextEvent<Conversation>(socket, "conversation:assigned");
  const { socket: visitor } = await connectVisitor(server.url, { name: "Karin", locale: "en" });
  const started = await emitAck(visitor, "conversation:start", { body: "Where is my order?", clientId: randomUUID() });
  expect(started.ok).toBe(true);
  const conversationId: string = (await assigned).id;
  expect(conversationId).toBe(started.conversation.id);

  const promise = async (body: Record<string, unknown>) => {
    const res = await api<FollowUp>(server.url, `/api/conversations/${conversationId}/follow-ups`, { token: operator.token, body });
    expect(res.status).toBe(201);
    return res.body;
  };
  const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  // Kept on time: done before it was due.
  const kept = await promise({ channel: "callback", phone: "+31 20 123 4567", dueAt: inHours(4), note: "Call about the delivery" });
  expect((await api(server.url, `/api/follow-ups/${kept.id}/done`, { token: operator.token, body: { done: true } })).status).toBe(200);
  // Still open: one due later, one whose time has just passed.
  await promise({ channel: "email", dueAt: inHours(24), note: "Send the tracking link" });
  await promise({ channel: "chat", dueAt: new Date(Date.now() - 30_000).toISOString(), note: "Answer about the invoice" });

  await signInToInbox(page, server.url);
  await page.getByRole("link", { name: "Reports" }).click();

  const section = page.getByRole("region", { name: "Follow-ups" });
  await expect(section).toContainText("Promises made in chats in this period");
  await expect(figure(section, "Promised")).toHaveText("3");
  await expect(figure(section, "Kept on time")).toHaveText("1");
  await expect(figure(section, "Kept late")).toHaveText("0");
  await expect(figure(section, "Still open")).toHaveText("2");
  await expect(figure(section, "Open and overdue")).toHaveText("1");
  // Of the two that are done or past their time, one was kept on time; the one not yet due does not count.
  await expect(figure(section, "Kept-on-time rate")).toHaveText("50%");
  await expect(figure(section, "Kept-on-time rate").locator("xpath=..")).toContainText("Of the promises done or past their time");

  await page.getByLabel("Language").selectOption("nl");
  const nl = page.getByRole("region", { name: "Toezeggingen" });
  await expect(figure(nl, "Toegezegd")).toHaveText("3");
  await expect(figure(nl, "Op tijd nagekomen")).toHaveText("1");
  await expect(figure(nl, "Te laat nagekomen")).toHaveText("0");
  await expect(figure(nl, "Nog open")).toHaveText("2");
  await expect(figure(nl, "Open en over tijd")).toHaveText("1");
  await expect(figure(nl, "Percentage op tijd nagekomen")).toHaveText("50%");
  socket.close();
  visitor.close();
});
