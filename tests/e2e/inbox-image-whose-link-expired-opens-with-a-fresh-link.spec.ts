// File links live 15 minutes, an inbox stays open all day: opening an image (or a file card) whose
// link has expired first fetches its message again for fresh links, and then opens it.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { connectVisitor, emitAck } from "../support/clients.js";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";
import { upload } from "../integration/files-support.js";
import { signInToInbox } from "./inbox-fixtures.js";

let server: SpawnedServer;
test.beforeAll(async () => {
  server = await spawnServer();
});
test.afterAll(async () => {
  await server?.stop();
});

test("an image opened after its link expired is fetched with a fresh link first", async ({ page }) => {
  await signInToInbox(page, server.url);
  await page.getByLabel("Status").selectOption("online");
  const visitor = await connectVisitor(server.url, { name: "Lotte", locale: "en" });
  const started = await emitAck<{ ok: boolean; conversation: { id: string } }>(visitor.socket, "conversation:start", { body: "Look at this", clientId: randomUUID() });
  const shot = await upload(server.url, { visitorToken: visitor.session.visitorToken }, { bytes: await sharp({ create: { width: 700, height: 500, channels: 3, background: "#2a6" } }).png().toBuffer(), name: "label.png", key: randomUUID() });
  await emitAck(visitor.socket, "message:send", { conversationId: started.conversation.id, clientId: randomUUID(), body: "", attachments: [shot.body.id] });

  await page.locator(".chat-row", { hasText: "Lotte" }).getByRole("button").click();
  const preview = page.getByRole("button", { name: "Open image label.png" });
  await expect(preview).toBeVisible();
  const refetches: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes(`/api/conversations/${started.conversation.id}/messages`)) refetches.push(r.url());
  });
  await preview.click();
  await expect(page.getByRole("dialog", { name: "label.png" })).toBeVisible();
  expect(refetches).toEqual([]);
  await page.keyboard.press("Escape");

  // Twenty minutes later by the inbox's clock: the link it holds has expired.
  await page.clock.setSystemTime(new Date(Date.now() + 20 * 60_000));
  await preview.click();
  const lightbox = page.getByRole("dialog", { name: "label.png" });
  await expect(lightbox).toBeVisible();
  expect(refetches).toHaveLength(1);
  expect(new URL(refetches[0]!).searchParams.get("beforeSeq")).not.toBeNull();
  await expect.poll(() => lightbox.getByRole("img", { name: "label.png" }).evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(700);
  visitor.socket.close();
});
