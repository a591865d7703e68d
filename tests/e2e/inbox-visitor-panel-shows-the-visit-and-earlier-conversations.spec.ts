// The visitor panel of a chat: the page the visitor is on and the pages before it, and their earlier
// conversations (date, operator, rating), each openable as a read-only transcript.
import { expect, test } from "@playwright/test";
import { connectVisitor, emitAck, eventually, api, login } from "../support/clients.js";
import { signInToInbox, useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer();

test("a returning visitor's chat shows their visit and an earlier conversation to read", async ({ page }) => {
  await signInToInbox(page, server.url);
  await page.getByLabel("Status").selectOption("online");
  const admin = await login(server.url);

  // Last week: a chat the admin answered, rated 5, then left.
  const first = await connectVisitor(server.url, { name: "Noor Bakker", locale: "nl" });
  const earlier = await emitAck(first.socket, "conversation:start", { body: "Mijn bestelling is beschadigd.", clientId: "e-1" });
  await eventually(async () => expect((await api<Array<{ id: string }>>(server.url, "/api/conversations?status=active", { token: admin.token })).body.map((c) => c.id)).toContain(earlier.conversation.id));
  await emitAck(first.socket, "rating", { conversationId: earlier.conversation.id, score: 5 });
  await emitAck(first.socket, "conversation:leave", { conversationId: earlier.conversation.id });
  first.socket.close();

  // Today: the same visitor browses two pages and starts a new chat.
  const back = await connectVisitor(server.url, { visitorToken: first.session.visitorToken, locale: "nl" });
  back.socket.emit("page", { url: "https://shop.example/orders", title: "My orders" });
  back.socket.emit("page", { url: "https://shop.example/returns", title: "Returns" });
  const now = await emitAck(back.socket, "conversation:start", { body: "Kan ik het nog terugsturen?", clientId: "n-1" });
  expect(now.ok).toBe(true);

  await page.getByRole("tab", { name: /My chats/ }).click();
  await page.locator(".chat-row", { hasText: "Kan ik het nog terugsturen?" }).getByRole("button").click();
  const details = page.locator(".details");
  await expect(details.getByText("Now on Returns", { exact: false })).toBeVisible();
  await expect(details.locator(".trail li")).toHaveCount(2);
  const history = details.locator(".visitor-history");
  await expect(history.getByRole("heading", { name: "Earlier conversations" })).toBeVisible();
  await expect(history.locator("li")).toHaveCount(1);
  await expect(history.locator("li")).toContainText("Rating 5/5");
  await history.getByRole("button", { name: /^Read/ }).click();
  await expect(history.getByRole("heading", { name: /read only/ })).toBeVisible();
  await expect(history.getByText("Mijn bestelling is beschadigd.")).toBeVisible();
  back.socket.close();
});
