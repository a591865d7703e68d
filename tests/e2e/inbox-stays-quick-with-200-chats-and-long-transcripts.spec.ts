// The inbox stays quick with 200 chats in its lists and a transcript of thousands of messages:
// it shows the newest page first and loads older messages only as the operator scrolls up.
import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { ADMIN, api, connectVisitor, emitAck, login, type VisitorSocket } from "../support/clients.js";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";

const CHATS = 200;
const TRANSCRIPT_MESSAGES = 2000;

let server: SpawnedServer;
const visitors: VisitorSocket[] = [];

test.beforeAll(async () => {
  // The fixture writes a 2000-message transcript in seconds: far past a person's flood budget.
  server = await spawnServer({ env: { VISITOR_MESSAGE_LIMIT: "5000" } });
});

test.afterAll(async () => {
  for (const v of visitors) v.disconnect();
  await server?.stop();
});

test("200 chats and a 2000-message transcript stay quick", async ({ page }) => {
  test.setTimeout(240_000);
  const admin = await login(server.url);
  const raised = await api(server.url, `/api/users/${admin.user.id}`, { method: "PATCH", token: admin.token, body: { maxChats: 50 } });
  expect(raised.status).toBe(200);

  // One long conversation, written before the operator arrives.
  const { socket: talker } = await connectVisitor(server.url, { name: "Long Talker", locale: "en" });
  visitors.push(talker);
  const started = await emitAck(talker, "conversation:start", { body: "message 1", clientId: randomUUID() });
  const longId: string = started.conversation.id;
  for (let i = 2; i <= TRANSCRIPT_MESSAGES; i += 50) {
    const acks = await Promise.all(
      Array.from({ length: Math.min(50, TRANSCRIPT_MESSAGES - i + 1) }, (_, k) => emitAck(talker, "message:send", { conversationId: longId, clientId: randomUUID(), body: `message ${i + k}` })),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
  }

  await page.goto(`${server.url}/inbox`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Status").selectOption("online");
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: "longtask", buffered: false });
  });

  // 199 more visitors start chats: 50 fill the operator's slots, the rest wait in the queue.
  for (let i = 1; i < CHATS; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, CHATS - i) }, async (_, k) => {
        const { socket } = await connectVisitor(server.url, { name: `Visitor ${i + k}`, locale: "en" });
        await emitAck(socket, "conversation:start", { body: `Question number ${i + k}`, clientId: randomUUID() });
        return socket;
      }),
    );
    visitors.push(...batch);
  }
  const mine = page.locator("#panel-mine .chat-row");
  await expect(mine).toHaveCount(50, { timeout: 30_000 });
  await page.getByRole("tab", { name: /Queue/ }).click();
  await expect(page.locator("#panel-queue .chat-row")).toHaveCount(CHATS - 50, { timeout: 30_000 });
  await page.getByRole("tab", { name: /My chats/ }).click();

  const longTasksWhileFilling = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  // A figure, not a pass mark: timings on a shared machine belong in a benchmark, not a test.
  console.log(`long tasks while 200 chats arrived: ${longTasksWhileFilling.length}, longest ${Math.round(Math.max(0, ...longTasksWhileFilling))} ms`);

  // Opening the long chat shows its newest messages at once, not all 2000.
  const openedAt = Date.now();
  await page.locator(".chat-row", { hasText: "Long Talker" }).getByRole("button").click();
  await expect(page.locator(".message.from-visitor", { hasText: `message ${TRANSCRIPT_MESSAGES}` })).toBeVisible();
  const openMs = Date.now() - openedAt;
  console.log(`opened a ${TRANSCRIPT_MESSAGES}-message transcript in ${openMs} ms`);
  const rendered = await page.locator(".transcript .message").count();
  expect(rendered).toBeLessThanOrEqual(100);

  // Scrolling up loads older pages, in order, with the view kept where the operator was reading.
  const log = page.getByRole("log", { name: "Messages" });
  for (let i = 0; i < 3; i++) {
    const before = await page.locator(".transcript .message").count();
    await log.evaluate((el) => (el.scrollTop = 0));
    await expect.poll(() => page.locator(".transcript .message").count()).toBeGreaterThan(before);
  }
  const seqs = await page.locator(".transcript .message").evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-seq"))));
  expect(seqs.length).toBeGreaterThanOrEqual(200);
  expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
  expect(await log.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  await page.screenshot({ path: "/tmp/inbox-shots/long-transcript.png" });
});
