// Stored files end with what referenced them: an upload never sent is swept, a deleted chat's files
// go (but not bytes a canned reply still sends), and the mailed transcript names every file.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CannedReply } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, emitAck, eventually } from "../support/clients.js";
import { member } from "./routing-support.js";
import { download, pdf, png, sha256, storedBlobs, upload } from "./files-support.js";

const filesDir = mkdtempSync(join(tmpdir(), "live-chat-files-"));
const server = useTestServer({ FILES_DIR: filesDir });
const blobNames = () => storedBlobs(filesDir).map((p) => p.split("/").pop());

async function chat(name: string) {
  const operator = await member(server, `${name} op`, 3);
  const visitor = await connectVisitor(server.url, { name, locale: "en", email: `${name.toLowerCase()}@example.com` });
  const started = await emitAck(visitor.socket, "conversation:start", { body: "Hello", clientId: `${name}-1` });
  const conversationId = started.conversation.id as string;
  await eventually(() => expect(operator.assigned.map((c) => c.id)).toContain(conversationId));
  return { operator, visitor: visitor.socket, visitorToken: visitor.session.visitorToken as string, conversationId };
}

describe("files end with what referenced them", () => {
  it("sweeps uploads never sent, keeps sent ones and a canned reply's file", async () => {
    const c = await chat("Sanne");
    const unsentBytes = await png(640, 480);
    const unsent = await upload(server.url, { visitorToken: c.visitorToken }, { bytes: unsentBytes, name: "forgotten.png", key: "never-sent" });
    const sent = await upload(server.url, { visitorToken: c.visitorToken }, { bytes: await png(300, 200), name: "sent.png", key: "sent" });
    const form = await upload(server.url, { operatorToken: server.adminToken }, { bytes: pdf("returns form sweep"), name: "returns.pdf", key: "reply-file" });
    expect([unsent.status, sent.status, form.status]).toEqual([201, 201, 201]);
    const [reply] = (await api<CannedReply[]>(server.url, "/api/canned-replies?locale=en", { token: server.adminToken })).body;
    expect((await api(server.url, `/api/canned-replies/${reply!.id}/attachment`, { method: "PUT", token: server.adminToken, body: { attachmentId: form.body.id } })).status).toBe(200);
    const ack = await emitAck(c.visitor, "message:send", { conversationId: c.conversationId, clientId: "with-file", body: "", attachments: [sent.body.id] });
    expect(ack.ok).toBe(true);
    const unsentStored = (await download(server.url, unsent.body.url)).bytes;
    expect(blobNames()).toContain(sha256(unsentStored));

    // Younger than the age: kept (the visitor may still be sending it).
    expect(await server.ctx.files.sweepUnsent(60_000)).toBe(0);
    expect(await server.ctx.files.sweepUnsent(0)).toBe(1);
    expect(blobNames()).not.toContain(sha256(unsentStored));
    expect((await download(server.url, unsent.body.url)).status).toBe(404);
    expect((await download(server.url, ack.message.attachments[0].url)).status).toBe(200);
    expect((await download(server.url, form.body.url, { operatorToken: server.adminToken })).status).toBe(200);
    // The swept file cannot be sent any more.
    const late = await emitAck(c.visitor, "message:send", { conversationId: c.conversationId, clientId: "late", body: "", attachments: [unsent.body.id] });
    expect(late).toMatchObject({ ok: false, error: { code: "BAD_REQUEST", field: "attachments" } });
  });

  it("mails a transcript that names the files, and deleting the chat's files spares the bytes a canned reply still sends", async () => {
    const c = await chat("Joost");
    const shot = await upload(server.url, { visitorToken: c.visitorToken }, { bytes: await png(420, 300), name: "broken-lid.png", key: "shot" });
    await emitAck(c.visitor, "message:send", { conversationId: c.conversationId, clientId: "shot-msg", body: "See the photo", attachments: [shot.body.id] });
    const form = await upload(server.url, { operatorToken: server.adminToken }, { bytes: pdf("returns form delete"), name: "retourformulier.pdf", key: "reply-file-2" });
    const [reply] = (await api<CannedReply[]>(server.url, "/api/canned-replies?locale=en", { token: server.adminToken })).body;
    await api(server.url, `/api/canned-replies/${reply!.id}/attachment`, { method: "PUT", token: server.adminToken, body: { attachmentId: form.body.id } });
    const used = await emitAck(c.operator.socket, "message:send", { conversationId: c.conversationId, clientId: "reply-msg", body: reply!.body, cannedReplyId: reply!.id });
    expect(used.message.attachments.map((a: { name: string }) => a.name)).toEqual(["retourformulier.pdf"]);

    await server.services.mail.service.emailTranscript(c.conversationId, undefined);
    const mail = await server.ctx.db.mailOutbox.findFirstOrThrow({ where: { conversationId: c.conversationId, kind: "transcript" } });
    expect(mail.text).toMatch(/See the photo\s+Attachment: broken-lid\.png \(\d+(\.\d)? KB, image\)/);
    expect(mail.text).toContain("Attachment: retourformulier.pdf (");
    expect(mail.html).toContain("Attachment: broken-lid.png");

    const shotBytes = (await download(server.url, shot.body.url)).bytes;
    expect(await server.ctx.files.deleteConversationFiles(c.conversationId)).toBe(2);
    expect(blobNames()).not.toContain(sha256(shotBytes));
    expect((await download(server.url, shot.body.url)).status).toBe(404);
    // The reply's own file is the same bytes as the copy that went into the chat: they stay for the next use.
    expect((await download(server.url, form.body.url, { operatorToken: server.adminToken })).status).toBe(200);
  });
});
