// The reports summary over conversations that really happened: one missed, one answered to the end
// of the closing checklist and rated, one transferred and closed by hand.
import { describe, expect, it } from "vitest";
import type { Conversation, OperatorReport, ReportSummary } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, createOperator, emitAck, eventually, nextEvent, onlineOperator, sleep } from "../support/clients.js";

const server = useTestServer();

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const summary = (query: string) => api<ReportSummary>(server.url, `/api/reports/summary?${query}`, { token: server.adminToken });

describe("the reports summary", () => {
  it("counts, times and rates the conversations started in the range", async () => {
    const missed = await connectVisitor(server.url, { name: "Mies", locale: "nl" });
    const startedMissed = await emitAck(missed.socket, "conversation:start", { body: "Is er iemand?", clientId: "m-1" });
    await emitAck(missed.socket, "conversation:leave", { conversationId: startedMissed.conversation.id });

    const op1 = await createOperator(server.url, server.adminToken, { name: "Eva Eerste" });
    const op2 = await createOperator(server.url, server.adminToken, { name: "Twan Tweede" });
    const first = await onlineOperator(server.url, op1.token);
    const closing = await api<Array<{ id: string; checklistItem?: string }>>(server.url, "/api/canned-replies?phase=closing&locale=nl", { token: server.adminToken });
    const byItem = (item: string) => closing.body.find((r) => r.checklistItem === item)!;

    const rated = await connectVisitor(server.url, { name: "Rob", locale: "nl" });
    const assignedB = nextEvent<Conversation>(first, "conversation:assigned");
    await emitAck(rated.socket, "conversation:start", { body: "Waar blijft mijn pakket?", clientId: "b-1" });
    const b = (await assignedB).id;
    await sleep(200);
    await emitAck(first, "message:send", { conversationId: b, clientId: "b-op-1", body: "Goedemiddag, ik ben Eva. Waarmee kan ik u helpen?" });
    await emitAck(first, "message:send", { conversationId: b, clientId: "b-op-2", body: "Hebben wij uw vraag hiermee opgelost?", cannedReplyId: byItem("asked_resolved").id });
    await emitAck(first, "checklist:check", { conversationId: b, item: "asked_more_questions" });
    await emitAck(first, "message:send", { conversationId: b, clientId: "b-op-3", body: "Fijne dag verder!", cannedReplyId: byItem("said_goodbye").id });
    const closedB = nextEvent<Conversation>(first, "conversation:updated", (c) => c.id === b && c.status === "closed");
    await emitAck(rated.socket, "conversation:leave", { conversationId: b });
    await closedB;
    expect((await emitAck(rated.socket, "rating", { conversationId: b, score: 4 })).ok).toBe(true);

    const transferred = await connectVisitor(server.url, { name: "Tim", locale: "nl" });
    const assignedC = nextEvent<Conversation>(first, "conversation:assigned");
    await emitAck(transferred.socket, "conversation:start", { body: "Ik wil iets wijzigen", clientId: "c-1" });
    const c = (await assignedC).id;
    const second = await onlineOperator(server.url, op2.token);
    const toSecond = nextEvent<Conversation>(second, "conversation:assigned");
    expect((await emitAck(first, "conversation:transfer", { conversationId: c, toOperatorId: op2.id })).ok).toBe(true);
    await toSecond;
    await emitAck(second, "message:send", { conversationId: c, clientId: "c-op-1", body: "Goedemiddag, ik ben Twan. Waarmee kan ik u helpen?" });
    expect((await emitAck(second, "phase:set", { conversationId: c, phase: "response" })).ok).toBe(true);
    await emitAck(transferred.socket, "conversation:leave", { conversationId: c });
    await eventually(async () => expect((await emitAck(second, "conversation:close", { conversationId: c })).ok).toBe(true));

    const report = await summary(`from=${day(-1)}&to=${day(0)}`);
    expect(report.status).toBe(200);
    const s = report.body;
    expect(s).toMatchObject({
      conversations: 3,
      missed: 1,
      transfersPerConversation: 0.33,
      closingChecklistCompleteRate: 0.5,
      csat: { average: 4, count: 1 },
      byPhaseReached: { opening: 1, question: 0, response: 1, action: 0, closing: 1 },
    });

    // The first-response figures match the stored timestamps of the two answered chats.
    const rows = await api<Array<{ id: string; timestamps: { createdAt: string; firstResponseAt: string | null } }>>(server.url, "/api/conversations", { token: server.adminToken });
    const spans = rows.body
      .filter((r) => r.id === b || r.id === c)
      .map((r) => Math.round((Date.parse(r.timestamps.firstResponseAt!) - Date.parse(r.timestamps.createdAt)) / 100) / 10)
      .sort((x, y) => x - y);
    expect(spans).toHaveLength(2);
    expect(s.firstResponseSeconds.median).toBeCloseTo((spans[0]! + spans[1]!) / 2, 5);
    expect(s.firstResponseSeconds.p90).toBe(spans[1]);
    expect(spans[1]).toBeGreaterThanOrEqual(0.2);
    expect(s.waitSeconds.median).not.toBeNull();
    expect(s.waitSeconds.median!).toBeLessThanOrEqual(s.firstResponseSeconds.median!);
    expect(s.waitSeconds.p90!).toBeGreaterThanOrEqual(s.waitSeconds.median!);
    expect(s.handleSeconds.median).toBeGreaterThan(0);

    // Per operator: the transferred chat counts for Twan, who had it last; Eva's is the rated one.
    const perOperator = await api<{ operators: OperatorReport[] }>(server.url, `/api/reports/operators?from=${day(-1)}&to=${day(0)}`, { token: server.adminToken });
    expect(perOperator.status).toBe(200);
    const eva = perOperator.body.operators.find((o) => o.operator.id === op1.id)!;
    const twan = perOperator.body.operators.find((o) => o.operator.id === op2.id)!;
    expect(eva).toMatchObject({ conversations: 1, closingChecklistCompleteRate: 1, csat: { average: 4, count: 1 }, transfersPerConversation: 0 });
    expect(twan).toMatchObject({ conversations: 1, closingChecklistCompleteRate: 0, csat: { average: null, count: 0 }, transfersPerConversation: 1 });
    expect(eva.firstResponseSeconds.median! + twan.firstResponseSeconds.median!).toBeCloseTo(spans[0]! + spans[1]!, 5);
    // The admin had no chats but is active, so is listed with empty figures.
    expect(perOperator.body.operators.find((o) => o.operator.name === "Admin")).toMatchObject({ conversations: 0, csat: { count: 0 } });
    const asOperator = await api(server.url, "/api/reports/operators", { token: op1.token });
    expect(asOperator.status).toBe(403);

    for (const socket of [first, second, missed.socket, rated.socket, transferred.socket]) socket.close();
  });

  it("is empty over a range without conversations and refuses a range that ends before it starts", async () => {
    const empty = await summary("from=2001-01-01&to=2001-01-31");
    expect(empty.body).toMatchObject({
      conversations: 0,
      missed: 0,
      firstResponseSeconds: { median: null, p90: null },
      waitSeconds: { median: null, p90: null },
      handleSeconds: { median: null },
      transfersPerConversation: 0,
      closingChecklistCompleteRate: null,
      csat: { average: null, count: 0 },
      byPhaseReached: { opening: 0, question: 0, response: 0, action: 0, closing: 0 },
    });
    const backwards = await api<{ error: { code: string; field: string } }>(server.url, `/api/reports/summary?from=${day(0)}&to=${day(-3)}`, { token: server.adminToken });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({ code: "BAD_REQUEST", field: "to" });
    const garbage = await api<{ error: { field: string } }>(server.url, "/api/reports/summary?from=yesterday", { token: server.adminToken });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.field).toBe("from");
  });
});
