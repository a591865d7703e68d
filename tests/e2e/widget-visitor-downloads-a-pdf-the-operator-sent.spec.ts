// Proves the visitor sees an operator's file as a card with name and size, and that its link serves the very bytes.
import { randomUUID } from "node:crypto";
import type { Attachment, Message } from "@live-chat/protocol";
import { createOperator, emitAck, login, onlineOperator } from "../support/clients.js";
import { expect, openChat, sendMessage, test } from "./widget-fixtures.js";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

test("an operator sends a PDF and the visitor gets a download link that serves it", async ({ page, server }) => {
  const admin = await login(server.url);
  const operator = await createOperator(server.url, admin.token, { name: "Anna" });
  const socket = await onlineOperator(server.url, operator.token);
  const assigned = new Promise<{ id: string }>((resolve) => socket.once("conversation:assigned", resolve));
  await openChat(page, server.url);
  await sendMessage(page, "Can you send me the invoice?");
  const conversation = await assigned;

  const form = new FormData();
  form.append("file", new Blob([PDF], { type: "application/pdf" }), "invoice-1234.pdf");
  const upload = await fetch(`${server.url}/api/files`, { method: "POST", headers: { Authorization: `Bearer ${operator.token}`, "Idempotency-Key": randomUUID() }, body: form });
  expect(upload.status).toBe(201);
  const attachment = (await upload.json()) as Attachment;
  const ack = await emitAck(socket, "message:send", { conversationId: conversation.id, clientId: randomUUID(), body: "", attachments: [attachment.id] });
  expect(ack.ok, JSON.stringify(ack)).toBe(true);
  expect((ack.message as Message).attachments?.map((a) => a.name)).toEqual(["invoice-1234.pdf"]);

  const link = page.getByRole("link", { name: /invoice-1234\.pdf/ });
  await expect(link).toBeVisible();
  await expect(link).toContainText(`${PDF.length} B`);
  const href = await link.getAttribute("href");
  expect(href).toContain("for=visitor");
  const served = await page.request.get(href!);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toContain("application/pdf");
  expect(Buffer.from(await served.body()).equals(PDF)).toBe(true);
  socket.disconnect();
});
