// What a colleague finishes shows at once in every open inbox, with no reload and no tab switch:
// an offline message they mark handled (offline:updated) and a follow-up they mark done or open
// again (followup:updated).
import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import type { Conversation, FollowUp, OfflineMessage } from "@live-chat/protocol";
import { api, connectVisitor, createOperator, emitAck, login, nextEvent, onlineOperator } from "../support/clients.js";
import { signInToInbox, useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer();

async function signIn(page: Page): Promise<void> {
  await signInToInbox(page, server.url);
}

test("an offline message handled by a colleague shows as handled at once", async ({ page }) => {
  const { socket: visitor } = await connectVisitor(server.url, { locale: "en" });
  const left = await emitAck<{ ok: boolean; id: string }>(visitor, "offline:message", { name: "Hanna", email: "hanna@example.com", body: "Is my order on its way?" });
  expect(left.ok).toBe(true);

  await signIn(page);
  const tab = page.getByRole("tab", { name: /Offline messages/ });
  await tab.click();
  await expect(tab).toHaveAccessibleName("Offline messages 1");
  const item = page.locator(".offline-item", { hasText: "Hanna" });
  await expect(item.getByRole("button", { name: "Mark handled" })).toBeVisible();

  const colleague = await createOperator(server.url, (await login(server.url)).token, { name: "Iris" });
  const handled = await api<OfflineMessage>(server.url, `/api/offline-messages/${left.id}/handled`, { token: colleague.token, body: { handled: true } });
  expect(handled.status).toBe(200);
  // Nothing fetched again: the pushed change alone updates the list and the badge.
  await expect(item).toHaveClass(/handled/, { timeout: 5_000 });
  await expect(tab).toHaveAccessibleName("Offline messages", { timeout: 5_000 });
  visitor.close();
});

test("a follow-up a colleague marks done, or opens again, moves in the list at once", async ({ page }) => {
  const admin = await login(server.url);
  const operator = await createOperator(server.url, admin.token, { name: "Jesse" });
  const socket = await onlineOperator(server.url, operator.token);
  const assigned = nextEvent<Conversation>(socket, "conversation:assigned");
  const { socket: visitor } = await connectVisitor(server.url, { name: "Lotte", locale: "en" });
  expect((await emitAck(visitor, "conversation:start", { body: "Can you check my invoice?", clientId: randomUUID() })).ok).toBe(true);
  const conversationId = (await assigned).id;

  await signIn(page);
  const tab = page.getByRole("tab", { name: /Follow-ups/ });
  await tab.click();
  await expect(page.getByText("No open follow-ups.")).toBeVisible();

  // Promised in a chat that is not this operator's: listed at once, shown but not openable from here.
  const made = await api<FollowUp>(server.url, `/api/conversations/${conversationId}/follow-ups`, {
    token: operator.token,
    body: { channel: "email", dueAt: new Date(Date.now() + 3_600_000).toISOString(), note: "Send the corrected invoice" },
  });
  expect(made.status).toBe(201);
  const item = page.locator(".follow-up-item", { hasText: "Lotte" });
  await expect(item).toContainText("By e-mail");
  await expect(item).toContainText("Promised by Jesse");
  await expect(item.getByRole("button", { name: /Open the chat/ })).toHaveCount(0);
  await expect(tab).toHaveAccessibleName("Follow-ups 1");

  expect((await api(server.url, `/api/follow-ups/${made.body.id}/done`, { token: operator.token, body: { done: true } })).status).toBe(200);
  await expect(tab).toHaveAccessibleName("Follow-ups");
  await expect(item).toContainText("by Jesse");
  expect((await api(server.url, `/api/follow-ups/${made.body.id}/done`, { token: operator.token, body: { done: false } })).status).toBe(200);
  await expect(tab).toHaveAccessibleName("Follow-ups 1");
  await expect(item.getByRole("button", { name: "Mark done" })).toBeVisible();

  // Marked done here: the server keeps who did it, and the list says so.
  await item.getByRole("button", { name: "Mark done" }).click();
  await expect(tab).toHaveAccessibleName("Follow-ups");
  await expect(item).toContainText(`by ${admin.user.name}`);
  const stored = await api<FollowUp[]>(server.url, "/api/follow-ups?status=done", { token: operator.token });
  expect(stored.body.map((f) => [f.id, f.doneBy?.name])).toEqual([[made.body.id, admin.user.name]]);
  socket.close();
  visitor.close();
});
