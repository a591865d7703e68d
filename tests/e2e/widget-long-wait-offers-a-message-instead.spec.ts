import type { Conversation } from "@live-chat/protocol";
import { api, connectVisitor, emitAck, login } from "../support/clients.js";
import { expect, openChat, patchSettings, sendMessage, test } from "./widget-fixtures.js";

test("when the expected wait passes the limit the visitor may leave a message instead, and keeps their place until they send it", async ({ page, server, bringOperatorOnline }) => {
  await patchSettings(server.url, { waitLimitSeconds: 30 });
  // One operator with one slot, already busy: the next visitor queues behind a whole chat.
  const anna = await bringOperatorOnline("Anna", { maxChats: 1 });
  const assigned = anna.nextAssigned();
  const first = await connectVisitor(server.url);
  const started = await emitAck(first.socket, "conversation:start", { body: "I was here first" });
  expect(started.ok).toBe(true);
  await assigned;

  await openChat(page, server.url);
  await expect(page.getByText("It is busy right now: the wait is about", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: "Leave a message instead" })).toBeVisible();

  await sendMessage(page, "Do you ship to Belgium?");
  await expect(page.getByText("You are number 1 in line", { exact: false })).toBeVisible();
  await expect(page.getByText("Rather not wait?", { exact: false })).toBeVisible();

  // Looking at the form and going back keeps the chat in the queue.
  await page.getByRole("button", { name: "Leave a message instead" }).click();
  await expect(page.getByRole("textbox", { name: "Message" })).toHaveValue("Do you ship to Belgium?");
  await page.getByRole("button", { name: "Back to the chat" }).click();
  await expect(page.getByText("You are number 1 in line", { exact: false })).toBeVisible();
  const admin = await login(server.url);
  const queued = await api<Conversation[]>(server.url, "/api/conversations?status=queued", { token: admin.token });
  expect(queued.body).toHaveLength(1);
  const mine = queued.body[0]!;

  await page.getByRole("button", { name: "Leave a message instead" }).click();
  await page.getByLabel("Name").fill("Bea Visitor");
  await page.getByLabel("Email").fill("bea@example.com");
  await page.getByRole("textbox", { name: "Message" }).fill("Do you ship to Belgium? Please answer by email.");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByText("We have your message and will answer by", { exact: false })).toBeVisible();

  const stored = await api<Array<{ name: string; email: string; body: string }>>(server.url, "/api/offline-messages", { token: admin.token });
  expect(stored.body.map((m) => [m.name, m.email, m.body])).toEqual([["Bea Visitor", "bea@example.com", "Do you ship to Belgium? Please answer by email."]]);
  // The message took the queued chat's place: it has ended, and nobody is queued any more.
  await expect
    .poll(async () => (await api<Conversation[]>(server.url, "/api/conversations", { token: admin.token })).body.find((c) => c.id === mine.id)?.status)
    .toBe("closed");
  expect((await api<Conversation[]>(server.url, "/api/conversations?status=queued", { token: admin.token })).body).toEqual([]);
  first.socket.disconnect();
});
