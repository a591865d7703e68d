// Attachments end to end through the real server and the real disk: a visitor's screenshot reaches
// the operator with a thumbnail, an operator's PDF (also as a canned reply's file) reaches the
// visitor as a download, and only the chat's own visitor and the signed-in team can open them.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import type { CannedReply, Message } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, emitAck, eventually, nextEvent } from "../support/clients.js";
import { member } from "./routing-support.js";
import { download, pdf, png, sha256, storedBlobs, upload } from "./files-support.js";
import { signLink } from "../../apps/server/src/files/links.js";

const filesDir = mkdtempSync(join(tmpdir(), "live-chat-files-"));
const server = useTestServer({ FILES_DIR: filesDir });

async function chatWithOperator(name: string) {
  const operator = await member(server, `${name} op`, 3);
  const visitor = await connectVisitor(server.url, { name, locale: "en" });
  const started = await emitAck(visitor.socket, "conversation:start", { body: "Hello", clientId: `${name}-1` });
  const conversationId = started.conversation.id as string;
  await eventually(() => expect(operator.assigned.map((c) => c.id)).toContain(conversationId));
  return { operator, visitor: visitor.socket, visitorToken: visitor.session.visitorToken, visitorId: visitor.session.visitorId, conversationId };
}

describe("attachments in a chat", () => {
  it("carry a visitor's screenshot to the operator, with a thumbnail, shown inline only to that chat", async () => {
    const chat = await chatWithOperator("Vera");
    const uploaded = await upload(server.url, { visitorToken: chat.visitorToken }, { bytes: await png(), name: "screenshot.png", key: "paste-1" });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ name: "screenshot.png", type: "image/png", url: expect.stringContaining(`/api/files/${uploaded.body.id}?`), thumbnailUrl: expect.any(String) });

    const received = nextEvent<Message>(chat.operator.socket, "message", (m) => (m.attachments?.length ?? 0) > 0);
    const sent = await emitAck(chat.visitor, "message:send", { conversationId: chat.conversationId, clientId: "shot-1", body: "", attachments: [uploaded.body.id] });
    expect(sent.ok).toBe(true);
    expect(sent.message.attachments.map((a: { id: string }) => a.id)).toEqual([uploaded.body.id]);
    const message = await received;
    const [seen] = message.attachments!;
    expect(seen).toMatchObject({ id: uploaded.body.id, name: "screenshot.png", type: "image/png" });
    expect(seen!.url).toContain("for=operator");

    const file = await download(server.url, seen!.url, { operatorToken: chat.operator.token });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(file.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
    expect(file.headers.get("cache-control")).toMatch(/^private/);
    expect((await sharp(file.bytes).metadata()).format).toBe("png");
    // Stored on the disk under its own hash.
    expect(storedBlobs(filesDir).map((p) => p.split("/").pop())).toContain(sha256(file.bytes));
    const thumbnail = await download(server.url, seen!.thumbnailUrl!, { operatorToken: chat.operator.token });
    expect(thumbnail.headers.get("content-type")).toBe("image/webp");
    expect(await sharp(thumbnail.bytes).metadata()).toMatchObject({ format: "webp", width: 320 });

    // The operator's link is nothing without a signed-in operator; the visitor's own link works in an <img>.
    expect((await download(server.url, seen!.url)).status).toBe(403);
    const visitorLink = sent.message.attachments[0].url as string;
    expect((await download(server.url, visitorLink)).status).toBe(200);
    expect((await download(server.url, visitorLink, { visitorToken: chat.visitorToken })).status).toBe(200);
    // Another visitor's token, a forged signature, an unknown id, an expired link.
    const stranger = await connectVisitor(server.url, { name: "Stranger" });
    expect((await download(server.url, visitorLink, { visitorToken: stranger.session.visitorToken })).status).toBe(403);
    expect((await download(server.url, visitorLink.replace(/sig=[^&]+/, "sig=forged"))).status).toBe(403);
    expect((await download(server.url, visitorLink.replace(uploaded.body.id, "nope"))).status).toBe(404);
    const expired = signLink(server.ctx.tokens, uploaded.body.id, "file", { kind: "visitor", visitorId: chat.visitorId }, Date.now() - 3_600_000);
    const gone = await download(server.url, expired);
    expect(gone.status).toBe(410);
    expect(JSON.parse(gone.bytes.toString()).error.code).toBe("LINK_EXPIRED");
    // A stranger cannot claim the file for a message of their own either.
    const strangerChat = await emitAck(stranger.socket, "conversation:start", {});
    const stolen = await emitAck(stranger.socket, "message:send", { conversationId: strangerChat.conversation.id, clientId: "s-1", body: "mine now", attachments: [uploaded.body.id] });
    expect(stolen).toMatchObject({ ok: false, error: { code: "BAD_REQUEST", field: "attachments" } });

    // Fetching the messages again gives links again: sync for the visitor, GET messages for the team.
    const synced = await emitAck(chat.visitor, "sync", { conversationId: chat.conversationId, afterSeq: 0 });
    const syncedShot = (synced.messages as Message[]).find((m) => m.clientId === "shot-1")!;
    expect(syncedShot.attachments![0]!.url).toContain("for=visitor");
    const listed = await api<Message[]>(server.url, `/api/conversations/${chat.conversationId}/messages`, { token: chat.operator.token });
    expect(listed.body.find((m) => m.clientId === "shot-1")!.attachments![0]!.url).toContain("for=operator");
    stranger.socket.close();
    chat.visitor.close();
    chat.operator.socket.close();
  });

  it("carry an operator's PDF, and a canned reply's file, to the visitor as a download", async () => {
    const chat = await chatWithOperator("Wim");
    const form = await upload(server.url, { operatorToken: chat.operator.token }, { bytes: pdf("order"), name: "order.pdf", key: "pdf-1" });
    expect(form.status).toBe(201);
    expect(form.body).toMatchObject({ type: "application/pdf", name: "order.pdf" });
    expect(form.body.thumbnailUrl).toBeUndefined();
    const arrived = nextEvent<Message>(chat.visitor, "message", (m) => m.body === "Your order confirmation");
    const sent = await emitAck(chat.operator.socket, "message:send", { conversationId: chat.conversationId, clientId: "pdf-msg", body: "Your order confirmation", attachments: [form.body.id] });
    expect(sent.ok).toBe(true);
    const message = await arrived;
    const file = await download(server.url, message.attachments![0]!.url);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="order.pdf"/);
    expect(file.bytes.equals(pdf("order"))).toBe(true);

    // An admin puts a returns form on a canned reply; using the reply sends the file along.
    const returnsForm = await upload(server.url, { operatorToken: server.adminToken }, { bytes: pdf("returns"), name: "returns.pdf", key: "canned-1" });
    const [reply] = (await api<CannedReply[]>(server.url, "/api/canned-replies?locale=en", { token: chat.operator.token })).body;
    const put = await api<CannedReply>(server.url, `/api/canned-replies/${reply!.id}/attachment`, { method: "PUT", token: server.adminToken, body: { attachmentId: returnsForm.body.id } });
    expect(put.status).toBe(200);
    expect(put.body.attachment).toMatchObject({ id: returnsForm.body.id, name: "returns.pdf" });
    const listed = (await api<CannedReply[]>(server.url, "/api/canned-replies?locale=en", { token: chat.operator.token })).body;
    expect(listed.find((r) => r.id === reply!.id)!.attachment!.name).toBe("returns.pdf");
    const withForm = nextEvent<Message>(chat.visitor, "message", (m) => m.clientId === "canned-msg");
    const usedReply = await emitAck(chat.operator.socket, "message:send", { conversationId: chat.conversationId, clientId: "canned-msg", body: reply!.body, cannedReplyId: reply!.id });
    expect(usedReply.ok).toBe(true);
    const formMessage = await withForm;
    expect(formMessage.attachments!.map((a) => a.name)).toEqual(["returns.pdf"]);
    expect((await download(server.url, formMessage.attachments![0]!.url)).bytes.equals(pdf("returns"))).toBe(true);
    // The reply's own file is not something to move into one message.
    const moved = await emitAck(chat.operator.socket, "message:send", { conversationId: chat.conversationId, clientId: "move", body: "x", attachments: [returnsForm.body.id] });
    expect(moved).toMatchObject({ ok: false, error: { field: "attachments" } });
    // Sending the same reply again (a retry with the same clientId) does not add the file twice.
    const retried = await emitAck(chat.operator.socket, "message:send", { conversationId: chat.conversationId, clientId: "canned-msg", body: reply!.body, cannedReplyId: reply!.id });
    expect(retried.message.attachments).toHaveLength(1);
    await api(server.url, `/api/canned-replies/${reply!.id}/attachment`, { method: "PUT", token: server.adminToken, body: { attachmentId: null } });
    chat.visitor.close();
    chat.operator.socket.close();
  });

  it("go with their conversation, keeping a file another conversation still refers to", async () => {
    const first = await chatWithOperator("Xander");
    const second = await chatWithOperator("Yara");
    const bytes = pdf("shared terms");
    for (const [chat, key] of [[first, "terms-a"], [second, "terms-b"]] as const) {
      const up = await upload(server.url, { operatorToken: chat.operator.token }, { bytes, name: "terms.pdf", key });
      const sent = await emitAck(chat.operator.socket, "message:send", { conversationId: chat.conversationId, clientId: key, body: "Our terms", attachments: [up.body.id] });
      expect(sent.ok).toBe(true);
    }
    const hash = sha256(bytes);
    const onDisk = () => storedBlobs(filesDir).some((p) => p.endsWith(hash));
    expect(onDisk()).toBe(true);
    expect(await server.ctx.files.deleteConversationFiles(first.conversationId)).toBe(1);
    expect(onDisk()).toBe(true);
    expect(await server.ctx.files.deleteConversationFiles(second.conversationId)).toBe(1);
    expect(onDisk()).toBe(false);
    expect(await server.ctx.db.attachment.count({ where: { conversationId: { in: [first.conversationId, second.conversationId] } } })).toBe(0);
    for (const chat of [first, second]) {
      chat.visitor.close();
      chat.operator.socket.close();
    }
  });
});
