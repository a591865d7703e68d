// Service targets: an admin sets them, and the summary shows each figure met or missed, beside the previous period's.
import { describe, expect, it } from "vitest";
import type { ReportSummary, ServiceTarget } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, createOperator } from "../support/clients.js";

const server = useTestServer();
const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000);

let visitors = 0;
async function seedChat(created: string, opts: { waitSeconds?: number; firstResponseSeconds?: number; complete?: boolean; rating?: number; missed?: boolean }) {
  const db = server.ctx.db;
  const visitor = await db.visitor.create({ data: { tokenHash: `target-${++visitors}`, name: "Rob" } });
  const createdAt = at(created);
  const done = opts.complete ?? false;
  const conversation = await db.conversation.create({
    data: {
      visitorId: visitor.id,
      createdAt,
      queuedAt: createdAt,
      status: "closed",
      closeReason: opts.missed ? "missed" : "visitor_left",
      closedAt: at(created, 900),
      assignedAt: opts.waitSeconds === undefined ? null : at(created, opts.waitSeconds),
      firstResponseAt: opts.firstResponseSeconds === undefined ? null : at(created, opts.firstResponseSeconds),
      askedResolved: done,
      askedMoreQuestions: done,
      saidGoodbye: done,
      visitorLeft: true,
    },
  });
  if (opts.rating) await db.rating.create({ data: { conversationId: conversation.id, score: opts.rating } });
  return conversation.id;
}

const TARGETS: ServiceTarget[] = [
  { metric: "answered_within_seconds", target: 0.8, seconds: 60 },
  { metric: "median_wait_seconds_max", target: 45 },
  { metric: "closing_checklist_complete", target: 0.6 },
  { metric: "rating_average", target: 4 },
  { metric: "follow_ups_kept_on_time", target: 0.9 },
  { metric: "offline_answered_on_time", target: 0.5 },
];

describe("service targets", () => {
  it("are refused when they make no sense, and only admins set them", async () => {
    const put = (body: unknown, token = server.adminToken) => api(server.url, "/api/reports/targets", { method: "PUT", token, body });
    expect((await put([{ metric: "answered_within_seconds", target: 0.8 }])).status).toBe(400);
    expect((await put([{ metric: "closing_checklist_complete", target: 1.5 }])).status).toBe(400);
    expect((await put([{ metric: "rating_average", target: 4 }, { metric: "rating_average", target: 3 }])).status).toBe(400);
    expect((await put([{ metric: "speed_of_light", target: 1 }])).status).toBe(400);
    const op = await createOperator(server.url, server.adminToken, { name: "Olga" });
    expect((await put(TARGETS, op.token)).status).toBe(403);
    expect((await api(server.url, "/api/reports/targets", { token: op.token })).status).toBe(403);
  });

  it("are shown met or missed with this period's figure and the previous period's", async () => {
    const first = await seedChat("2026-05-12T10:00:00Z", { waitSeconds: 10, firstResponseSeconds: 20, complete: true, rating: 5 });
    await seedChat("2026-05-12T11:00:00Z", { waitSeconds: 30, firstResponseSeconds: 50, complete: false, rating: 3 });
    await seedChat("2026-05-13T09:00:00Z", { waitSeconds: 60, firstResponseSeconds: 90, complete: true, rating: 4 });
    await seedChat("2026-05-14T09:00:00Z", { missed: true });
    await seedChat("2026-05-06T10:00:00Z", { waitSeconds: 100, firstResponseSeconds: 120, complete: true, rating: 2 });
    const db = server.ctx.db;
    await db.followUp.create({ data: { conversationId: first, channel: "callback", note: "bellen", createdAt: at("2026-05-12T10:10:00Z"), dueAt: at("2026-05-13T10:00:00Z"), doneAt: at("2026-05-13T09:00:00Z") } });
    await db.followUp.create({ data: { conversationId: first, channel: "email", note: "mailen", createdAt: at("2026-05-12T10:11:00Z"), dueAt: at("2026-05-13T10:00:00Z"), doneAt: at("2026-05-14T10:00:00Z") } });
    await db.offlineMessage.create({ data: { name: "Mia", email: "mia@example.com", body: "?", createdAt: at("2026-05-12T08:00:00Z"), dueAt: at("2026-05-13T08:00:00Z"), handledAt: at("2026-05-12T15:00:00Z") } });
    await db.offlineMessage.create({ data: { name: "Bo", email: "bo@example.com", body: "?", createdAt: at("2026-05-12T09:00:00Z"), dueAt: at("2026-05-13T09:00:00Z") } });

    const saved = await api<ServiceTarget[]>(server.url, "/api/reports/targets", { method: "PUT", token: server.adminToken, body: TARGETS });
    expect(saved.status).toBe(200);
    expect((await api<ServiceTarget[]>(server.url, "/api/reports/targets", { token: server.adminToken })).body).toEqual(saved.body);
    // Saving the same list again (in another order) changes nothing and leaves no second history entry.
    const entries = await db.auditEntry.count({ where: { entityId: "service_targets" } });
    const again = await api<ServiceTarget[]>(server.url, "/api/reports/targets", { method: "PUT", token: server.adminToken, body: [...TARGETS].reverse() });
    expect(again.body).toEqual(saved.body);
    expect(await db.auditEntry.count({ where: { entityId: "service_targets" } })).toBe(entries);

    const summary = await api<ReportSummary>(server.url, "/api/reports/summary?from=2026-05-11&to=2026-05-17", { token: server.adminToken });
    expect(summary.body.conversations).toBe(4);
    expect(summary.body.targets).toEqual([
      { metric: "answered_within_seconds", target: 0.8, seconds: 60, actual: 0.5, met: false, previous: 0 },
      { metric: "closing_checklist_complete", target: 0.6, actual: 0.67, met: true, previous: 1 },
      { metric: "follow_ups_kept_on_time", target: 0.9, actual: 0.5, met: false, previous: null },
      { metric: "median_wait_seconds_max", target: 45, actual: 30, met: true, previous: 100 },
      { metric: "offline_answered_on_time", target: 0.5, actual: 0.5, met: true, previous: null },
      { metric: "rating_average", target: 4, actual: 4, met: true, previous: 2 },
    ]);

    // A target left out of the list is gone; an empty period measures nothing.
    await api(server.url, "/api/reports/targets", { method: "PUT", token: server.adminToken, body: [{ metric: "rating_average", target: 4.5 }] });
    const empty = await api<ReportSummary>(server.url, "/api/reports/summary?from=2025-01-01&to=2025-01-07", { token: server.adminToken });
    expect(empty.body.targets).toEqual([{ metric: "rating_average", target: 4.5, actual: null, met: null, previous: null }]);
  });
});
