// GDPR: an admin finds a visitor by name or e-mail, exports everything stored about them (JSON,
// readable transcript, their files), erases them, and the reports of the period stay the same.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AuditEntry, Conversation, FollowUp, MailItem, OfflineMessage, PrivacyExport, PrivacyVisitor } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, createOperator, emitAck, eventually, nextEvent, onlineOperator } from "../support/clients.js";
import { download, pdf, sha256, storedBlobs, upload } from "./files-support.js";

const filesDir = mkdtempSync(join(tmpdir(), "live-chat-files-"));
const server = useTestServer({ FILES_DIR: filesDir });

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const period = `from=${day(-1)}&to=${day(0)}`;
const admin = <T>(path: string, init: { method?: string; body?: unknown } = {}) => api<T>(server.url, path, { token: server.adminToken, ...init });

/** Every report an admin reads for the period, as the API gives it. */
async function reports() {
  const [summary, operators, heatmap, daily] = await Promise.all([
    admin(`/api/reports/summary?${period}`),
    admin(`/api/reports/operators?${period}`),
    admin(`/api/reports/heatmap?${period}&tz=Europe/Amsterdam`),
    admin(`/api/reports/daily?${period}&tz=Europe/Amsterdam`),
  ]);
  return { summary: summary.body, operators: operators.body, heatmap: heatmap.body, daily: daily.body };
}

/** A chat with a visitor, answered, with a file, a promise, a rating with a comment and a mailed transcript. */
async function chatOf(name: string, email: string, operator: Awaited<ReturnType<typeof onlineOperator>>, operatorToken: string) {
  const visitor = await connectVisitor(server.url, { name, email, locale: "nl" });
  const assigned = nextEvent<Conversation>(operator, "conversation:assigned", (c) => c.visitor.name === name);
  const started = await emitAck(visitor.socket, "conversation:start", { body: `Hallo, ik ben ${name} en mijn bestelnummer is ${name === "Femke" ? 4711 : 5822}`, clientId: `${name}-1` });
  const conversationId = (await assigned).id;
  expect(started.conversation.id).toBe(conversationId);
  const file = await upload(server.url, { visitorToken: visitor.session.visitorToken }, { bytes: pdf(`factuur van ${name}`), name: `factuur-${name}.pdf`, key: `${name}-file` });
  expect(file.status).toBe(201);
  expect((await emitAck(visitor.socket, "message:send", { conversationId, clientId: `${name}-2`, body: "Hier is de factuur", attachments: [file.body.id] })).ok).toBe(true);
  expect((await emitAck(operator, "message:send", { conversationId, clientId: `${name}-op-1`, body: `Goedemiddag ${name}, ik kijk het na.` })).ok).toBe(true);
  const promise = await api<FollowUp>(server.url, `/api/conversations/${conversationId}/follow-ups`, {
    token: operatorToken,
    body: { channel: "callback", phone: name === "Femke" ? "+31 6 1111 2222" : "+31 6 3333 4444", dueAt: new Date(Date.now() + 3_600_000).toISOString(), note: `${name} terugbellen` },
  });
  expect(promise.status).toBe(201);
  expect((await emitAck(visitor.socket, "transcript:email", { conversationId })).ok).toBe(true);
  await emitAck(visitor.socket, "conversation:leave", { conversationId });
  await eventually(async () => expect((await emitAck(operator, "conversation:close", { conversationId })).ok).toBe(true));
  expect((await emitAck(visitor.socket, "rating", { conversationId, score: name === "Femke" ? 2 : 5, comment: `${name} vond het traag` })).ok).toBe(true);
  expect((await emitAck(visitor.socket, "offline:message", { name, email, body: `${name} wil nog teruggebeld worden` })).ok).toBe(true);
  return { ...visitor, conversationId, file: file.body, fileBytes: pdf(`factuur van ${name}`) };
}

describe("privacy: find, export and erase a visitor", () => {
  it("exports everything about Femke, erases it all and leaves Gijs and every report total as they were", { timeout: 60_000 }, async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Olga", maxChats: 3 });
    const operator = await onlineOperator(server.url, op.token);
    const femke = await chatOf("Femke", "Femke.de.Vries@example.nl", operator, op.token);
    const gijs = await chatOf("Gijs", "gijs@example.nl", operator, op.token);
    const before = await reports();
    expect(before.summary).toMatchObject({ conversations: 2, csat: { average: 3.5, count: 2 }, followUps: { promised: 2 } });

    // Found by part of the name or the address, whatever the case; nobody else matches.
    for (const q of ["femke", "DE.VRIES", "vries@example"]) {
      const found = await admin<PrivacyVisitor[]>(`/api/privacy/visitors?q=${encodeURIComponent(q)}`);
      expect(found.status).toBe(200);
      expect(found.body.map((v) => v.id)).toEqual([femke.session.visitorId]);
    }
    expect((await admin<PrivacyVisitor[]>(`/api/privacy/visitors?q=${encodeURIComponent("e%")}`)).body).toEqual([]);
    const [found] = (await admin<PrivacyVisitor[]>("/api/privacy/visitors?q=femke")).body;
    expect(found).toMatchObject({ name: "Femke", email: "Femke.de.Vries@example.nl", conversations: 1, offlineMessages: 1, inChat: false });

    const exported = await admin<PrivacyExport>(`/api/privacy/visitors/${femke.session.visitorId}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toMatch(/attachment; filename="visitor-.+\.json"/);
    const data = exported.body;
    expect(data.visitor).toMatchObject({ id: femke.session.visitorId, name: "Femke", email: "Femke.de.Vries@example.nl" });
    expect(data.conversations).toHaveLength(1);
    const [chat] = data.conversations;
    expect(chat.messages.map((m) => m.body)).toEqual(expect.arrayContaining(["Hallo, ik ben Femke en mijn bestelnummer is 4711", "Hier is de factuur", "Goedemiddag Femke, ik kijk het na."]));
    expect(chat.messages.find((m) => m.body === "Hier is de factuur")?.attachments).toEqual(["factuur-Femke.pdf"]);
    expect(chat.rating).toMatchObject({ score: 2, comment: "Femke vond het traag" });
    expect(chat.followUps).toMatchObject([{ channel: "callback", phone: "+31 6 1111 2222", note: "Femke terugbellen" }]);
    expect(chat.events.map((e) => e.type)).toContain("assigned");
    expect(data.offlineMessages.map((o) => o.body)).toEqual(["Femke wil nog teruggebeld worden"]);
    expect(data.mails.map((m) => m.to)).toEqual(["Femke.de.Vries@example.nl"]);
    expect(JSON.stringify(data)).not.toContain("Gijs");
    // The listed file downloads, the same bytes, for a signed-in admin.
    expect(data.files.map((f) => f.name)).toEqual(["factuur-Femke.pdf"]);
    const got = await download(server.url, data.files[0].url, { operatorToken: server.adminToken });
    expect(got.status).toBe(200);
    expect(sha256(got.bytes)).toBe(sha256(femke.fileBytes));
    expect(data.transcript).toContain("Alles wat is bewaard over Femke");
    expect(data.transcript).toContain("U: Hier is de factuur [bestanden: factuur-Femke.pdf]");

    const text = await fetch(`${server.url}/api/privacy/visitors/${femke.session.visitorId}/export?format=text`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(text.status).toBe(200);
    expect(text.headers.get("content-type")).toMatch(/^text\/plain/);
    const readable = await text.text();
    expect(readable).toContain("U: Hier is de factuur [bestanden: factuur-Femke.pdf]");
    expect(readable).toContain("Femke wil nog teruggebeld worden");

    // Erased: 204, and nothing that names or describes her is left anywhere an admin or operator looks.
    const erased = await admin(`/api/privacy/visitors/${femke.session.visitorId}`, { method: "DELETE" });
    expect(erased.status).toBe(204);
    // Her widget, still open, is cut off: its token leads nowhere any more.
    await eventually(() => expect(femke.socket.connected).toBe(false));
    expect(gijs.socket.connected).toBe(true);
    expect((await admin(`/api/privacy/visitors/${femke.session.visitorId}/export`)).status).toBe(404);
    expect((await admin(`/api/privacy/visitors/${femke.session.visitorId}`, { method: "DELETE" })).status).toBe(404);
    expect((await admin<PrivacyVisitor[]>("/api/privacy/visitors?q=femke")).body).toEqual([]);
    expect((await admin<unknown[]>(`/api/conversations/${femke.conversationId}/messages`)).body).toEqual([]);
    expect((await admin<Conversation[]>("/api/conversations?status=closed")).body.map((c) => c.id)).toEqual([gijs.conversationId]);
    expect((await admin<unknown[]>("/api/visitors/erased/conversations")).body).toEqual([]);
    expect((await admin<unknown[]>(`/api/visitors/${femke.session.visitorId}/conversations`)).body).toEqual([]);
    expect((await admin<FollowUp[]>("/api/follow-ups?status=all")).body.map((f) => f.conversationId)).toEqual([gijs.conversationId]);
    expect((await admin<OfflineMessage[]>("/api/offline-messages")).body.map((o) => o.name)).toEqual(["Gijs"]);
    expect((await admin<MailItem[]>("/api/mail")).body.map((m) => m.to)).toEqual(["gijs@example.nl"]);
    expect((await download(server.url, data.files[0].url, { operatorToken: server.adminToken })).status).toBe(404);
    expect(storedBlobs(filesDir).map((p) => p.split("/").pop())).not.toContain(sha256(femke.fileBytes));
    expect(storedBlobs(filesDir).map((p) => p.split("/").pop())).toContain(sha256(gijs.fileBytes));
    const db = server.ctx.db;
    const everything = JSON.stringify(await Promise.all([db.visitor.findMany(), db.conversation.findMany(), db.message.findMany(), db.conversationEvent.findMany(), db.rating.findMany(), db.followUp.findMany(), db.offlineMessage.findMany(), db.mailOutbox.findMany(), db.attachment.findMany()]));
    // Only the audit log still holds her (random) id, to say that it was erased and by whom.
    for (const trace of ["Femke", "femke", "Vries", "4711", "+31 6 1111 2222", femke.session.visitorId]) expect(everything.includes(trace), trace).toBe(false);
    expect(everything).toContain("Gijs vond het traag");

    // The old token resumes nothing: no chat, and no row until the visitor does something worth keeping.
    const back = await connectVisitor(server.url, { visitorToken: femke.session.visitorToken });
    expect(back.session.conversation).toBeNull();
    expect(await db.visitor.findUnique({ where: { id: back.session.visitorId } })).toBeNull();
    back.socket.close();

    // Every report of the period adds up as before.
    expect(await reports()).toEqual(before);

    // The audit log has the erasure and the exports, newest first, with counts and never her name.
    const log = await admin<AuditEntry[]>("/api/audit?entity=privacy");
    expect(log.body.map((e) => e.action)).toEqual(["erased", "exported", "exported"]);
    expect(log.body[0]).toMatchObject({ entityId: femke.session.visitorId, actor: { name: expect.any(String) }, data: { conversations: 1, messages: chat.messages.length, files: 1, offlineMessages: 1, mails: data.mails.length } });
    expect(JSON.stringify(log.body)).not.toMatch(/Femke|Vries/);
    expect((await admin<AuditEntry[]>("/api/audit?action=erased")).body).toHaveLength(1);
    const pages = [(await admin<AuditEntry[]>("/api/audit?entity=privacy&limit=2")).body, (await admin<AuditEntry[]>("/api/audit?entity=privacy&limit=2&offset=2")).body];
    expect(pages.flat().map((e) => e.id)).toEqual(log.body.map((e) => e.id));
    for (const s of [femke.socket, gijs.socket, operator]) s.close();
  });

  it("refuses to erase a visitor whose chat is still open, and refuses operators and bad searches", async () => {
    const visitor = await connectVisitor(server.url, { name: "Hanna Open", email: "hanna@example.nl" });
    await emitAck(visitor.socket, "conversation:start", { body: "Ik wacht nog", clientId: "h-1" });
    const refused = await api<{ error: { code: string; message: string } }>(server.url, `/api/privacy/visitors/${visitor.session.visitorId}`, { method: "DELETE", token: server.adminToken, headers: { "x-locale": "nl" } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "CHAT_STILL_OPEN", message: expect.stringContaining("open chat") });
    expect((await admin<PrivacyExport>(`/api/privacy/visitors/${visitor.session.visitorId}/export`)).body.conversations[0].messages.map((m) => m.body)).toContain("Ik wacht nog");
    expect((await admin("/api/privacy/visitors?q=")).status).toBe(400);
    expect((await admin("/api/privacy/visitors?q=ab%00")).status).toBe(400);
    expect((await admin("/api/privacy/visitors/erased/export")).status).toBe(404);
    // A NUL in the path is refused before any route (400); one that reached the route would be 404.
    expect([400, 404]).toContain((await admin("/api/privacy/visitors/x%00y/export")).status);
    expect([400, 404]).toContain((await admin("/api/privacy/visitors/x%00y", { method: "DELETE" })).status);
    expect((await admin("/api/privacy/visitors/x.y/export")).status).toBe(404);
    const op = await createOperator(server.url, server.adminToken, { name: "Piet" });
    for (const [method, path] of [["GET", "/api/privacy/visitors?q=hanna"], ["GET", `/api/privacy/visitors/${visitor.session.visitorId}/export`], ["DELETE", `/api/privacy/visitors/${visitor.session.visitorId}`]] as const) {
      expect((await api(server.url, path, { method, token: op.token })).status).toBe(403);
    }
    visitor.socket.close();
  });
});
