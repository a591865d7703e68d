// Issue #17's scenario in Chromium: the server process is stopped (SIGTERM) and started again under an
// open inbox and an open widget. Both reconnect by themselves within seconds, what was sent while it
// was down arrives once, each failed reply stays a pending message of its own, and the operator is
// still online with the same chat.
import { expect, test } from "@playwright/test";
import type { Conversation, Message } from "@live-chat/protocol";
import { api, createOperator, login } from "../support/clients.js";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";
import { signInToInbox } from "./inbox-fixtures.js";

let server: SpawnedServer;
test.afterAll(async () => {
  await server?.stop();
});

test("a restart under an open inbox and an open widget: both reconnect without a reload and nothing is lost or doubled", async ({ browser }) => {
  test.setTimeout(120_000);
  server = await spawnServer();
  const admin = await login(server.url);
  const operator = await createOperator(server.url, admin.token, { name: "Femke", maxChats: 2 });

  const inbox = await browser.newPage();
  await signInToInbox(inbox, server.url, operator);
  await inbox.getByLabel("Status").selectOption("online");
  await expect(inbox.getByLabel("Status")).toHaveValue("online");

  const widget = await (await browser.newContext()).newPage();
  await widget.goto(`${server.url}/demo`);
  await widget.getByRole("button", { name: "Open chat" }).click();
  const messageBox = widget.getByRole("textbox", { name: "Message" });
  await messageBox.fill("Hello, my order 5521 has not arrived");
  await messageBox.press("Enter");

  const row = inbox.locator(".chat-row").first();
  await expect(row).toBeVisible();
  await row.getByRole("button").click();
  await expect(inbox.locator(".message.from-visitor", { hasText: "order 5521" })).toBeVisible();
  const conversationId = (await api<Conversation[]>(server.url, "/api/conversations?status=active", { token: admin.token })).body[0]!.id;

  // Down: the same port and database come back below, as after `npm start` again.
  const { port } = new URL(server.url);
  await server.stop();
  await expect(inbox.getByText("No connection to the server", { exact: false })).toBeVisible();
  await expect(widget.getByText("Connecting…")).toBeVisible();

  await messageBox.fill("Sent while you were down");
  await messageBox.press("Enter");
  await expect(widget.getByText("Sending…")).toHaveCount(1);

  // Three canned replies one after another: three pending messages, each saying why, the reply box empty.
  const reply = inbox.getByLabel("Reply", { exact: true });
  const firstCanned = inbox.locator(".canned-title").first();
  for (let i = 0; i < 3; i++) {
    await firstCanned.click();
    await expect(reply).not.toHaveValue("");
    await inbox.getByRole("button", { name: "Send", exact: true }).click();
    await expect(reply).toHaveValue("");
  }
  const pending = inbox.locator(".pending-send");
  await expect(pending).toHaveCount(3);
  await expect(pending.filter({ hasText: "the connection to the server is lost" })).toHaveCount(3);
  await expect(pending.first().getByRole("button", { name: "Retry" })).toBeVisible();

  server = await spawnServer({ port: Number(port), databaseUrl: server.databaseUrl });
  const upAt = Date.now();
  await expect(inbox.getByText("No connection to the server", { exact: false })).toHaveCount(0, { timeout: 15_000 });
  await expect(widget.getByText("Connecting…")).toHaveCount(0, { timeout: 15_000 });
  // Backoff with jitter tops out at 7.5 s: "a few seconds", not the 45 s of the issue.
  const reconnectedMs = Date.now() - upAt;
  test.info().annotations.push({ type: "both reconnected after the server was up (ms)", description: String(reconnectedMs) });
  expect(reconnectedMs).toBeLessThan(10_000);

  await expect(widget.getByText("Sending…")).toHaveCount(0);
  await expect(pending).toHaveCount(0);
  const history = async () => (await api<Message[]>(server.url, `/api/conversations/${conversationId}/messages?afterSeq=0`, { token: admin.token })).body;
  await expect.poll(async () => (await history()).filter((m) => m.body === "Sent while you were down").length).toBe(1);
  await expect.poll(async () => (await history()).filter((m) => m.author.type === "operator" && m.kind === "text").length).toBe(3);
  await expect(inbox.locator(".message.from-visitor", { hasText: "Sent while you were down" })).toHaveCount(1);
  await expect(widget.locator("li.msg.them")).toHaveCount(3);

  // Still online, still their chat: a restart is not a sign-out, and the chat did not go back to the queue.
  await expect(inbox.getByLabel("Status")).toHaveValue("online");
  const users = await api<Array<{ id: string; presence: string }>>(server.url, "/api/users", { token: (await login(server.url)).token });
  expect(users.body.find((u) => u.id === operator.id)?.presence).toBe("online");
  const after = (await api<Conversation[]>(server.url, `/api/conversations`, { token: admin.token })).body.find((c) => c.id === conversationId);
  expect(after).toMatchObject({ status: "active", operator: { id: operator.id } });
  await expect(inbox.locator(".chat-row")).toHaveCount(1);
});
