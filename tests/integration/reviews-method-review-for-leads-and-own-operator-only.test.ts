// The method review of real chats: what a reviewer (an admin) and the chat's own operator read, the notes a
// reviewer leaves, the per-operator method figures, and the 403s for operators reading others' reviews or team reports.
import { describe, expect, it } from "vitest";
import type { ChatReview, Conversation, Message, OperatorReport, ReviewNote } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, createOperator, emitAck, nextEvent, onlineOperator } from "../support/clients.js";

const server = useTestServer();
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe("method reviews", () => {
  it("read a chat against the method, for reviewers and the chat's own operator only", async () => {
    const eva = await createOperator(server.url, server.adminToken, { name: "Eva" });
    const twan = await createOperator(server.url, server.adminToken, { name: "Twan" });
    const evaSocket = await onlineOperator(server.url, eva.token);
    const closing = await api<Array<{ id: string; checklistItem?: string }>>(server.url, "/api/canned-replies?phase=closing&locale=nl", { token: server.adminToken });
    const cannedFor = (item: string) => closing.body.find((r) => r.checklistItem === item)!.id;

    // A chat by the method: greeting, confirmed summary, an answer shouted once and then put right, the full closing.
    const rob = await connectVisitor(server.url, { name: "Rob", locale: "nl" });
    const assigned = nextEvent<Conversation>(evaSocket, "conversation:assigned");
    await emitAck(rob.socket, "conversation:start", { body: "Waar is mijn pakket?", clientId: "v-1" });
    const good = (await assigned).id;
    const send = (conversationId: string, clientId: string, body: string, extra: Record<string, unknown> = {}) =>
      emitAck<{ ok: boolean; message: Message }>(evaSocket, "message:send", { conversationId, clientId, body, ...extra });
    await send(good, "e-1", "Goedemiddag Rob, ik ben Eva. Waarmee kan ik u helpen?");
    const summary = await send(good, "e-2", "Dus uw pakket is niet aangekomen, klopt dat?", { summary: true });
    expect((await emitAck(rob.socket, "summary:answer", { conversationId: good, messageId: summary.message.id, answer: "yes" })).ok).toBe(true);
    await send(good, "e-3", "HET PAKKET KOMT MORGEN");
    await send(good, "e-4", "Excuses, het pakket komt morgen.");
    await send(good, "e-5", "Hebben wij uw vraag hiermee opgelost?", { cannedReplyId: cannedFor("asked_resolved") });
    await send(good, "e-6", "Hebt u verder nog vragen?", { cannedReplyId: cannedFor("asked_more_questions") });
    await send(good, "e-7", "Dank u wel voor uw vraag, Rob, en nog een fijne dag.", { cannedReplyId: cannedFor("said_goodbye") });
    const goodClosed = nextEvent<Conversation>(evaSocket, "conversation:updated", (c) => c.id === good && c.status === "closed");
    await emitAck(rob.socket, "conversation:leave", { conversationId: good });
    await goodClosed;

    // A chat without a greeting, closed before the closing.
    const mia = await connectVisitor(server.url, { name: "Mia", locale: "nl" });
    const assigned2 = nextEvent<Conversation>(evaSocket, "conversation:assigned");
    await emitAck(mia.socket, "conversation:start", { body: "Hallo?", clientId: "v-2" });
    const rushed = (await assigned2).id;
    await send(rushed, "e-8", "Wat is uw ordernummer?");
    await emitAck(mia.socket, "conversation:leave", { conversationId: rushed });
    const rushedClosed = nextEvent<Conversation>(evaSocket, "conversation:updated", (c) => c.id === rushed && c.status === "closed");
    expect((await emitAck(evaSocket, "conversation:close", { conversationId: rushed })).ok).toBe(true);
    await rushedClosed;

    const review = await api<ChatReview>(server.url, `/api/conversations/${good}/review`, { token: server.adminToken });
    expect(review.status).toBe(200);
    const r = review.body;
    expect(r.phases.map((p) => p.phase)).toEqual(["opening", "question", "response", "closing"]);
    expect(r).toMatchObject({
      conversationId: good,
      operatorId: eva.id,
      greeted: true,
      summarised: true,
      summaryConfirmed: true,
      checklist: { asked_resolved: true, asked_more_questions: true, said_goodbye: true, visitor_left: true },
      checklistComplete: true,
      waitedForVisitor: true,
      transfers: [],
      followUps: [],
      notes: [],
    });
    expect(r.secondsToGreeting).toBeGreaterThanOrEqual(0);
    expect(r.secondsToFirstAnswer).toBeGreaterThanOrEqual(r.secondsToGreeting!);
    expect(r.hints.map(({ code, actedOn }) => ({ code, actedOn }))).toEqual([{ code: "all_caps", actedOn: true }]);

    const own = await api<ChatReview>(server.url, `/api/conversations/${rushed}/review`, { token: eva.token });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ greeted: false, checklistComplete: false, summaryConfirmed: false, waitedForVisitor: true });
    expect(own.body.hints.map(({ code, actedOn }) => ({ code, actedOn }))).toEqual([{ code: "no_greeting", actedOn: null }]);

    // Another operator reads neither Eva's reviews nor the team's reports, and writes no notes.
    for (const path of [`/api/conversations/${good}/review`, "/api/reports/summary", "/api/reports/operators", "/api/reports/heatmap", "/api/reports/daily", "/api/reports/targets", "/api/reports/export.csv?table=chats"]) {
      expect([path, (await api(server.url, path, { token: twan.token })).status]).toEqual([path, 403]);
    }
    expect((await api(server.url, `/api/conversations/${rushed}/review-notes`, { token: eva.token, body: { note: "Goed gedaan", score: 5 } })).status).toBe(403);
    expect((await api(server.url, `/api/conversations/${rushed}/review-notes`, { token: server.adminToken, body: { note: "x", score: 6 } })).status).toBe(400);
    expect((await api(server.url, "/api/conversations/no-such-chat/review", { token: server.adminToken })).status).toBe(404);

    const note = await api<ReviewNote>(server.url, `/api/conversations/${rushed}/review-notes`, { token: server.adminToken, body: { note: "Begin met een begroeting.", score: 2 } });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ conversationId: rushed, operatorId: eva.id, note: "Begin met een begroeting.", score: 2, reviewer: { name: "Admin" } });
    expect((await api<ReviewNote[]>(server.url, "/api/reviews/mine", { token: eva.token })).body.map((n) => n.id)).toEqual([note.body.id]);
    expect((await api<ReviewNote[]>(server.url, "/api/reviews/mine", { token: twan.token })).body).toEqual([]);
    expect((await api<ChatReview>(server.url, `/api/conversations/${rushed}/review`, { token: eva.token })).body.notes.map((n) => n.score)).toEqual([2]);

    const report = await api<{ operators: OperatorReport[] }>(server.url, `/api/reports/operators?from=${day(-1)}&to=${day(0)}`, { token: server.adminToken });
    const evaRow = report.body.operators.find((o) => o.operator.id === eva.id)!;
    const greetings = [r.secondsToGreeting!, own.body.secondsToGreeting!].sort((a, b) => a - b);
    expect(evaRow.method).toEqual({
      reviewed: 2,
      greetedRate: 0.5,
      summaryConfirmedRate: 0.5,
      fullClosingRate: 0.5,
      secondsToGreeting: { median: (greetings[0] + greetings[1]) / 2, p90: greetings[1] },
      hintsPerChat: 1,
    });
    expect(report.body.operators.find((o) => o.operator.id === twan.id)!.method).toMatchObject({ reviewed: 0, greetedRate: null });
    for (const s of [evaSocket, rob.socket, mia.socket]) s.disconnect();
  }, 60_000);
});
