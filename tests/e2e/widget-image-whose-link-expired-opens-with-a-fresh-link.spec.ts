// A visitor's chat can stay open longer than a file link lives (15 minutes): opening an image whose link
// has expired first fetches its message again (sync) and opens the fresh link, instead of a dead 410.
import { randomUUID } from "node:crypto";
import type { Attachment } from "@live-chat/protocol";
import sharp from "sharp";
import { createOperator, emitAck, login, onlineOperator } from "../support/clients.js";
import { expect, openChat, sendMessage, test } from "./widget-fixtures.js";

test("an image opened after its link expired is fetched with a fresh link first", async ({ page, server }) => {
  const admin = await login(server.url);
  const operator = await createOperator(server.url, admin.token, { name: "Anna" });
  const socket = await onlineOperator(server.url, operator.token);
  const assigned = new Promise<{ id: string }>((resolve) => socket.once("conversation:assigned", resolve));
  await page.clock.install();
  await openChat(page, server.url);
  await sendMessage(page, "Where do I find the serial number?");
  const conversation = await assigned;

  const form = new FormData();
  const png = await sharp({ create: { width: 640, height: 400, channels: 3, background: "#36a" } }).png().toBuffer();
  form.append("file", new Blob([png], { type: "image/png" }), "serial-label.png");
  const upload = await fetch(`${server.url}/api/files`, { method: "POST", headers: { Authorization: `Bearer ${operator.token}`, "Idempotency-Key": randomUUID() }, body: form });
  expect(upload.status).toBe(201);
  const attachment = (await upload.json()) as Attachment;
  expect((await emitAck(socket, "message:send", { conversationId: conversation.id, clientId: randomUUID(), body: "Here, on the back", attachments: [attachment.id] })).ok).toBe(true);

  const syncs: string[] = [];
  page.on("websocket", (ws) => ws.on("framesent", (f) => typeof f.payload === "string" && f.payload.includes('"sync"') && syncs.push(f.payload)));
  const image = page.getByRole("img", { name: "serial-label.png" });
  await expect(image).toBeVisible();

  // Twenty minutes later by the page's clock: the link the widget holds has expired.
  await page.clock.setSystemTime(new Date(Date.now() + 20 * 60_000));
  const popup = page.waitForEvent("popup");
  await image.click();
  const opened = await popup;
  expect(syncs.length).toBeGreaterThanOrEqual(1);
  await opened.waitForLoadState();
  const fresh = new URL(opened.url());
  expect(fresh.pathname).toContain(attachment.id);
  const served = await page.request.get(opened.url());
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toContain("image/");
  socket.disconnect();
});
