// Live visitors in two browser contexts: the inbox shows a visitor on the page of the demo shop they
// moved to, an invitation reaches the widget and the answer starts a chat with the inviting operator;
// a site that sets track-pages="off" reports nothing.
import type { LiveVisitor } from "@live-chat/protocol";
import { expect, test } from "@playwright/test";
import { api, login } from "../support/clients.js";
import { signInToInbox, useSpawnedServer } from "./inbox-fixtures.js";

const server = useSpawnedServer();

test("a visitor moving between two pages of the demo shop is shown on the right page, invited, and their answer reaches the inviting operator", async ({ browser }) => {
  const inboxContext = await browser.newContext();
  const visitorContext = await browser.newContext();
  const inbox = await inboxContext.newPage();
  const visitor = await visitorContext.newPage();

  await signInToInbox(inbox, server.url);
  await inbox.getByLabel("Status").selectOption("online");
  await inbox.getByRole("link", { name: "Live visitors" }).click();
  await expect(inbox.getByRole("heading", { name: "Visitors on the site" })).toBeVisible();

  await visitor.goto(`${server.url}/demo`);
  const row = inbox.locator(".live-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Demo shop: live chat widget");

  // A single-page move: pushState, no page load.
  const moved = Date.now();
  await visitor.getByRole("link", { name: "Delivery" }).click();
  await expect(row).toContainText("Delivery and returns: demo shop");
  test.info().annotations.push({ type: "page change shown after", description: `${Date.now() - moved} ms` });
  await expect(row).toContainText("Not in a chat");

  await row.getByRole("button").click();
  await expect(inbox.getByRole("heading", { name: "Pages in this visit" })).toBeVisible();
  await expect(inbox.locator(".trail li")).toHaveCount(2);
  await inbox.getByLabel("Invitation", { exact: true }).fill("Good afternoon! Can I help you with your delivery?");
  await inbox.getByRole("button", { name: "Send invitation" }).click();
  await expect(inbox.getByText("Invitation sent.", { exact: false })).toBeVisible();

  const bubble = visitor.getByRole("region", { name: "Invitation to chat" });
  await expect(bubble).toContainText("Good afternoon! Can I help you with your delivery?");
  await bubble.getByRole("button", { name: "Reply" }).click();
  await expect(visitor.getByText("Good afternoon! Can I help you with your delivery?", { exact: false })).toBeVisible();
  await visitor.getByRole("textbox", { name: "Message" }).fill("Yes please, when does my order ship?");
  await visitor.getByRole("button", { name: "Send" }).click();

  // The chat went to the operator who invited (the admin), who now sees it in their chats.
  await expect(row).toContainText("In a chat");
  const admin = await login(server.url);
  await expect
    .poll(async () => (await api<Array<{ status: string; operator?: { name: string } }>>(server.url, "/api/conversations?status=active", { token: admin.token })).body.map((c) => c.operator?.name))
    .toEqual([admin.user.name]);
  await inbox.getByRole("link", { name: "Chats" }).click();
  await expect(inbox.getByText("Yes please, when does my order ship?").first()).toBeVisible();
  await inboxContext.close();
  await visitorContext.close();
});

test("a site that sets track-pages=\"off\" opens no connection before the chat and is not listed", async ({ browser }) => {
  const quiet = await browser.newContext();
  const page = await quiet.newPage();
  const sockets: string[] = [];
  page.on("websocket", (ws) => sockets.push(ws.url()));
  await page.route(`${server.url}/demo`, async (route) => {
    const original = await route.fetch();
    await route.fulfill({ response: original, body: (await original.text()).replace("<live-chat-widget>", '<live-chat-widget track-pages="off">') });
  });
  await page.goto(`${server.url}/demo`);
  await expect(page.getByRole("button", { name: "Open chat" })).toBeVisible();
  await page.getByRole("link", { name: "Delivery" }).click();

  // A tracking visitor who came after is listed: by then the quiet one would have been too.
  const admin = await login(server.url);
  const before = (await api<LiveVisitor[]>(server.url, "/api/visitors/live", { token: admin.token })).body.length;
  const tracked = await (await browser.newContext()).newPage();
  await tracked.goto(`${server.url}/demo`);
  await expect.poll(async () => (await api<LiveVisitor[]>(server.url, "/api/visitors/live", { token: admin.token })).body.length).toBe(before + 1);
  expect(sockets).toEqual([]);
  await quiet.close();
  await tracked.context().close();
});
