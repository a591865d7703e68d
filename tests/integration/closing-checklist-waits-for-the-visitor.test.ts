// The closing checklist over real sockets: wrapping_up after the three steps, closed only when the visitor leaves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Conversation } from "@live-chat/protocol";
import { startTestServer, type TestServer } from "../support/server.js";
import { api, connectVisitor, createOperator, emitAck, nextEvent, onlineOperator } from "../support/clients.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ VISITOR_GRACE_MS: "1000" });
});
afterAll(() => server?.close());

async function assignedChat(name: string) {
  const op = await createOperator(server.url, server.adminToken, { name });
  const operator = await onlineOperator(server.url, op.token);
  const v = await connectVisitor(server.url, { name: `Klant van ${name}`, locale: "nl" });
  const assigned = nextEvent<Conversation>(operator, "conversation:assigned", (c) => c.visitor.name === `Klant van ${name}`);
  await emitAck(v.socket, "conversation:start", { body: "Ik heb een vraag", clientId: "k-1" });
  return { operator, visitor: v.socket, conversation: await assigned };
}

describe("the closing checklist", () => {
  it("moves through the phases, reaches wrapping_up, refuses to close while the visitor is there, and closes when they leave", async () => {
    const { operator, visitor, conversation } = await assignedChat("Lodewijk");
    const id = conversation.id;
    const greet = await emitAck(operator, "message:send", { conversationId: id, clientId: "g", body: "Goedemiddag, ik ben Lodewijk. Waarmee kan ik u helpen?" });
    expect(greet.ok).toBe(true);
    const afterGreet = await emitAck(operator, "conversations:list", {});
    expect(afterGreet.conversations.find((c: Conversation) => c.id === id).phase).toBe("question");

    const replies = await api<Array<{ id: string; checklistItem?: string; locale: string }>>(server.url, "/api/canned-replies?phase=closing&locale=nl", { token: server.adminToken });
    const byItem = (item: string) => replies.body.find((r) => r.checklistItem === item)!;
    expect(byItem("asked_resolved")).toBeDefined();

    const resolved = nextEvent<Conversation>(operator, "conversation:updated", (c) => c.id === id && c.checklist.asked_resolved);
    await emitAck(operator, "message:send", { conversationId: id, clientId: "r", body: "Hebben wij uw vraag hiermee opgelost?", cannedReplyId: byItem("asked_resolved").id });
    expect(await resolved).toMatchObject({ phase: "closing", status: "active" });

    const more = await emitAck(operator, "checklist:check", { conversationId: id, item: "asked_more_questions" });
    expect(more.conversation.checklist.asked_more_questions).toBe(true);
    const refusedByHand = await emitAck(operator, "checklist:check", { conversationId: id, item: "visitor_left" });
    expect(refusedByHand.ok).toBe(false);

    const wrapping = nextEvent<Conversation>(operator, "conversation:updated", (c) => c.id === id && c.status === "wrapping_up");
    await emitAck(operator, "message:send", { conversationId: id, clientId: "bye", body: "Fijne dag verder!", cannedReplyId: byItem("said_goodbye").id });
    expect((await wrapping).checklist).toMatchObject({ asked_resolved: true, asked_more_questions: true, said_goodbye: true, visitor_left: false });

    const refused = await emitAck(operator, "conversation:close", { conversationId: id });
    expect(refused).toMatchObject({ ok: false, error: { code: "VISITOR_STILL_CONNECTED" } });
    const refusedWithReason = await emitAck(operator, "conversation:close", { conversationId: id, reason: "klant reageert niet" });
    expect(refusedWithReason).toMatchObject({ ok: false, error: { code: "VISITOR_STILL_CONNECTED" } });

    const closed = nextEvent<Conversation>(operator, "conversation:updated", (c) => c.id === id && c.status === "closed");
    const left = await emitAck(visitor, "conversation:leave", { conversationId: id });
    expect(left.ok).toBe(true);
    expect((await closed).checklist.visitor_left).toBe(true);
    operator.close();
    visitor.close();
  });

  it("sends the chat back to question with the checklist cleared when the visitor has another question", async () => {
    const { operator, visitor, conversation } = await assignedChat("Maarten");
    const id = conversation.id;
    const replies = await api<Array<{ id: string; checklistItem?: string }>>(server.url, "/api/canned-replies?phase=closing&locale=nl", { token: server.adminToken });
    const byItem = (item: string) => replies.body.find((r) => r.checklistItem === item)!;
    await emitAck(operator, "message:send", { conversationId: id, clientId: "1", body: "Goedemiddag, ik ben Maarten." });
    await emitAck(operator, "message:send", { conversationId: id, clientId: "2", body: "Hebben wij uw vraag hiermee opgelost?", cannedReplyId: byItem("asked_resolved").id });
    await emitAck(visitor, "message:send", { conversationId: id, clientId: "v1", body: "Ja" });
    await emitAck(operator, "message:send", { conversationId: id, clientId: "3", body: "Hebt u verder nog vragen?", cannedReplyId: byItem("asked_more_questions").id });
    const back = nextEvent<Conversation>(operator, "conversation:updated", (c) => c.id === id && c.phase === "question");
    await emitAck(visitor, "message:send", { conversationId: id, clientId: "v2", body: "Ja, ik heb nog een vraag" });
    const reopened = await back;
    expect(reopened.status).toBe("active");
    expect(reopened.checklist).toMatchObject({ asked_resolved: false, asked_more_questions: false, said_goodbye: false });
    operator.close();
    visitor.close();
  });

  it("lets an operator close a silent visitor's chat only with a reason, once the idle time has passed", async () => {
    const { operator, visitor, conversation } = await assignedChat("Nora");
    const id = conversation.id;
    const early = await emitAck(operator, "conversation:close", { conversationId: id, reason: "Klant reageert niet meer" });
    expect(early).toMatchObject({ ok: false, error: { code: "VISITOR_STILL_CONNECTED" } });
    // The visitor's last words lie further back than the idle time (120 s by default).
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await server.ctx.db.conversation.update({ where: { id }, data: { lastVisitorMessageAt: longAgo, assignedAt: longAgo } });
    const withoutReason = await emitAck(operator, "conversation:close", { conversationId: id });
    expect(withoutReason).toMatchObject({ ok: false, error: { code: "VISITOR_STILL_CONNECTED" } });
    const closed = await emitAck(operator, "conversation:close", { conversationId: id, reason: "Klant reageert niet meer" });
    expect(closed).toMatchObject({ ok: true, conversation: { status: "closed" } });
    const again = await emitAck(operator, "conversation:close", { conversationId: id, reason: "nogmaals" });
    expect(again).toMatchObject({ ok: false, error: { code: "CONVERSATION_CLOSED" } });
    operator.close();
    visitor.close();
  });
});
