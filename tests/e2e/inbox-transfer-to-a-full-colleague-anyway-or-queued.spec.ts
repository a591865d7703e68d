// Issue #13: the transfer dialog says a colleague is at their maximum of N chats and offers to hand it over anyway or queue it for them.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import type { Conversation } from "@live-chat/protocol";
import { connectVisitor, createOperator, emitAck, login, nextEvent, onlineOperator, type VisitorSocket } from "../support/clients.js";
import { signInToInbox, useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer();

async function visitorStarts(name: string): Promise<{ socket: VisitorSocket; conversationId: string }> {
  const { socket } = await connectVisitor(server.url, { name, locale: "en" });
  const ack = await emitAck(socket, "conversation:start", { body: `Hello, ${name} here`, clientId: randomUUID() });
  expect(ack.ok).toBe(true);
  return { socket, conversationId: ack.conversation.id as string };
}

test("a full colleague is named with their maximum; the chat is queued for them until a seat frees, or handed over anyway", async ({ page }) => {
  const admin = await login(server.url);
  const bram = await createOperator(server.url, admin.token, { name: "Bram Vol", maxChats: 2 });
  await signInToInbox(page, server.url);
  await page.getByLabel("Status").selectOption("away");
  const bramSocket = await onlineOperator(server.url, bram.token);
  const bramChats: Array<{ socket: VisitorSocket; conversationId: string }> = [];
  for (const name of ["Vera Eerste", "Wim Tweede"]) {
    const toBram = nextEvent<Conversation>(bramSocket, "conversation:assigned");
    bramChats.push(await visitorStarts(name));
    await toBram;
  }

  await page.getByLabel("Status").selectOption("online");
  const queued = await visitorStarts("Queue Quirine");
  const row = page.locator(".chat-row", { hasText: "Queue Quirine" });
  await row.getByRole("button").first().click();
  await expect(page.getByRole("heading", { name: "Queue Quirine" })).toBeVisible();

  await page.getByRole("button", { name: "Transfer" }).click();
  const dialog = page.getByRole("dialog", { name: "Transfer to a colleague" });
  await dialog.getByLabel("Colleague", { exact: true }).selectOption(bram.id);
  await dialog.getByLabel("Note for your colleague").fill("Knows the product, refund agreed");
  await dialog.getByRole("button", { name: "Transfer" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(/Bram Vol is at their maximum of 2 chats\. Hand the chat over anyway, or queue it for Bram Vol/);
  await dialog.getByRole("button", { name: "Queue for Bram Vol" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Queued for Bram Vol: the chat goes to them as soon as they have a free seat" })).toBeVisible();

  // Bram finishes a chat: the queued one goes to him, and the notice goes away here.
  const moved = nextEvent<Conversation>(bramSocket, "conversation:assigned", (c) => c.id === queued.conversationId);
  const first = bramChats[0]!;
  expect((await emitAck(first.socket, "conversation:leave", { conversationId: first.conversationId })).ok).toBe(true);
  expect((await emitAck(bramSocket, "conversation:close", { conversationId: first.conversationId })).ok).toBe(true);
  expect(await moved).toMatchObject({ operator: { id: bram.id } });
  await expect(page.getByText("Queued for Bram Vol")).toHaveCount(0);

  // Full again: this time handed over anyway.
  const urgent = await visitorStarts("Anyway Anouk");
  await page.locator(".chat-row", { hasText: "Anyway Anouk" }).getByRole("button").first().click();
  await expect(page.getByRole("heading", { name: "Anyway Anouk" })).toBeVisible();
  await page.getByRole("button", { name: "Transfer" }).click();
  await dialog.getByLabel("Colleague", { exact: true }).selectOption(bram.id);
  await dialog.getByRole("button", { name: "Transfer" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Bram Vol is at their maximum of 2 chats");
  const handed = nextEvent<Conversation>(bramSocket, "conversation:assigned", (c) => c.id === urgent.conversationId);
  await dialog.getByRole("button", { name: "Hand over anyway" }).click();
  await handed;
  await expect(dialog).toBeHidden();
  await expect(page.locator(".chat-row", { hasText: "Anyway Anouk" })).toHaveCount(0);

  for (const chat of [...bramChats, queued, urgent]) chat.socket.disconnect();
  bramSocket.disconnect();
});
