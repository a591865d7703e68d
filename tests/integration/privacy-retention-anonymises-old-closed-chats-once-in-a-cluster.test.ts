// Retention: closed chats older than the admin's setting are anonymised (or deleted) with their
// files by a background job, and in a cluster exactly one node does each run.
import { mkdtempSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { AuditEntry, ReportSummary } from "@live-chat/protocol";
import { startTestServer, useTestServer, type TestServer } from "../support/server.js";
import { api, connectVisitor, emitAck } from "../support/clients.js";
import { POSTGRES_URL, REDIS_URL, requireServices } from "../support/services.js";
import { pdf, sha256, storedBlobs, upload } from "./files-support.js";

const DAY_MS = 86_400_000;
const filesDir = mkdtempSync(join(tmpdir(), "live-chat-files-"));
const server = useTestServer({ FILES_DIR: filesDir });

/** A chat nobody answered, with a file, closed as missed when the visitor leaves; then dated `daysAgo` back. */
async function closedChat(target: TestServer, name: string, daysAgo: number) {
  const visitor = await connectVisitor(target.url, { name, email: `${name.toLowerCase()}@example.nl` });
  const started = await emitAck(visitor.socket, "conversation:start", { body: `${name} vraagt iets`, clientId: `${name}-1` });
  const conversationId = started.conversation.id as string;
  const bytes = pdf(`bon van ${name}`);
  const file = await upload(target.url, { visitorToken: visitor.session.visitorToken }, { bytes, name: `${name}.pdf`, key: `${name}-f` });
  expect((await emitAck(visitor.socket, "message:send", { conversationId, clientId: `${name}-2`, body: "De bon", attachments: [file.body.id] })).ok).toBe(true);
  expect((await emitAck(visitor.socket, "conversation:leave", { conversationId })).ok).toBe(true);
  visitor.socket.close();
  const then = new Date(Date.now() - daysAgo * DAY_MS);
  await target.ctx.db.conversation.update({ where: { id: conversationId }, data: { createdAt: then, queuedAt: then, closedAt: new Date(then.getTime() + 60_000) } });
  await target.ctx.db.visitor.update({ where: { id: visitor.session.visitorId }, data: { lastSeenAt: then } });
  return { conversationId, visitorId: visitor.session.visitorId, hash: sha256(bytes) };
}

const summaryOver = (target: TestServer, days: number) =>
  api<ReportSummary>(target.url, `/api/reports/summary?from=${new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}`, { token: target.adminToken });

describe("retention", () => {
  it("is off by default, then anonymises closed chats past the setting with their files, once, and keeps the report figures", async () => {
    const old = await closedChat(server, "Oud", 40);
    const recent = await closedChat(server, "Recent", 5);
    expect(await server.services.retention.run()).toEqual({ ran: false, why: "off" });
    const before = (await summaryOver(server, 60)).body;

    const patched = await api(server.url, "/api/settings", { method: "PATCH", token: server.adminToken, body: { retentionDays: 30 } });
    expect(patched.status).toBe(200);
    const run = await server.services.retention.run();
    expect(run).toMatchObject({ ran: true, days: 30, action: "anonymise", counts: { conversations: 1, messages: 2, files: 1 }, visitors: 1 });
    const db = server.ctx.db;
    expect(await db.message.count({ where: { conversationId: old.conversationId } })).toBe(0);
    expect(await db.conversation.findUnique({ where: { id: old.conversationId } })).toMatchObject({ visitorId: "erased", erasedAt: expect.any(Date), closeReason: "missed" });
    expect(await db.visitor.findUnique({ where: { id: old.visitorId } })).toBeNull();
    expect(storedBlobs(filesDir).map((p) => p.split("/").pop())).not.toContain(old.hash);
    expect(storedBlobs(filesDir).map((p) => p.split("/").pop())).toContain(recent.hash);
    expect(await db.message.count({ where: { conversationId: recent.conversationId } })).toBe(2);
    expect((await summaryOver(server, 60)).body).toEqual(before);

    // Within the lease the job does not run again; after it, it finds nothing left to do.
    expect(await server.services.retention.run()).toEqual({ ran: false, why: "leased" });
    expect(await server.services.retention.run(new Date(Date.now() + 2 * 3_600_000))).toMatchObject({ ran: true, counts: { conversations: 0, messages: 0, files: 0 } });
    const log = await api<AuditEntry[]>(server.url, "/api/audit?entity=privacy&action=retention", { token: server.adminToken });
    expect(log.body).toHaveLength(1);
    expect(log.body[0]).toMatchObject({ actor: null, data: { days: 30, action: "anonymise", conversations: 1, files: 1, visitors: 1 } });
  });

  it("deletes the chats outright when set to delete", async () => {
    const old = await closedChat(server, "Weg", 40);
    await api(server.url, "/api/settings", { method: "PATCH", token: server.adminToken, body: { retentionDays: 30, retentionAction: "delete" } });
    expect(await server.services.retention.run(new Date(Date.now() + 4 * 3_600_000))).toMatchObject({ ran: true, action: "delete", counts: { conversations: 1, files: 1 } });
    expect(await server.ctx.db.conversation.findUnique({ where: { id: old.conversationId } })).toBeNull();
    expect(storedBlobs(filesDir).map((p) => p.split("/").pop())).not.toContain(old.hash);
    const bad = await api<{ error: { field: string } }>(server.url, "/api/settings", { method: "PATCH", token: server.adminToken, body: { retentionDays: 0 } });
    expect(bad.status).toBe(400);
    expect((await api<{ retentionDays: number }>(server.url, "/api/settings", { token: server.adminToken })).body.retentionDays).toBe(30);
  });
});

const available = await requireServices(["postgres", "redis"], "the retention cluster suite");
const nodes: TestServer[] = [];
afterAll(async () => {
  for (const n of nodes) await n.close();
});

describe.skipIf(!available)("retention in a cluster of two nodes", () => {
  it("runs on exactly one node each interval, also when both ask at the same moment", { timeout: 60_000 }, async () => {
    const url = new URL(POSTGRES_URL);
    url.searchParams.set("schema", `lc_retention_${randomBytes(5).toString("hex")}`);
    const env = { DATABASE_URL: url.toString(), REDIS_URL, REDIS_KEY_PREFIX: `test-${randomBytes(5).toString("hex")}`, SESSION_SECRET: "retention-cluster-secret", FILES_DIR: mkdtempSync(join(tmpdir(), "live-chat-files-")) };
    const a = await startTestServer(env);
    const b = await startTestServer(env);
    nodes.push(a, b);
    await api(a.url, "/api/settings", { method: "PATCH", token: a.adminToken, body: { retentionDays: 30 } });
    b.ctx.settings.invalidate();
    const rounds = 5;
    let anonymised = 0;
    for (let round = 1; round <= rounds; round++) {
      await closedChat(round % 2 ? a : b, `Ronde${round}`, 40);
      // Each round lies one interval after the last, so the lease has run out for both nodes.
      const now = new Date(Date.now() + round * 2 * 3_600_000);
      const runs = await Promise.all([a.services.retention.run(now), b.services.retention.run(now)]);
      const ran = runs.filter((r) => r.ran);
      expect(ran, `round ${round}`).toHaveLength(1);
      expect(runs.filter((r) => !r.ran)).toEqual([{ ran: false, why: "leased" }]);
      anonymised += ran[0].ran ? ran[0].counts.conversations : 0;
    }
    expect(anonymised).toBe(rounds);
    expect(await a.ctx.db.conversation.count({ where: { erasedAt: { not: null } } })).toBe(rounds);
    expect(await a.ctx.db.auditEntry.count({ where: { action: "retention" } })).toBe(rounds);
  });
});
