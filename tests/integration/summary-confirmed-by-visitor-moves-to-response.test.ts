// A summary the visitor confirms moves the chat to response, and the operator sees the answer on the message.
import { describe, expect, it } from "vitest";
import type { Conversation, Message } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { connectVisitor, createOperator, emitAck, nextEvent, onlineOperator } from "../support/clients.js";

const server = useTestServer();

describe("a summary", () => {
  it("confirmed with the widget's yes button moves to response and marks the message", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Pieter" });
    const operator = await onlineOperator(server.url, op.token);
    const { socket: visitor } = await connectVisitor(server.url, { name: "Quinten", locale: "nl" });
    const assigned = nextEvent<Conversation>(operator, "conversation:assigned", (c) => c.visitor.name === "Quinten");
    await emitAck(visitor, "conversation:start", { body: "Mijn factuur klopt niet", clientId: "q1" });
    const { id } = await assigned;
    await emitAck(operator, "message:send", { conversationId: id, clientId: "o1", body: "Goedemiddag, ik ben Pieter." });
    const shown = nextEvent<Message>(visitor, "message", (m) => m.meta?.summary === true);
    const sent = await emitAck(operator, "message:send", { conversationId: id, clientId: "o2", body: "Begrijp ik het goed dat uw factuur een verkeerd bedrag heeft?", summary: true });
    expect(sent.message.meta).toMatchObject({ summary: true });
    const summary = await shown;
    const marked = nextEvent<Message>(operator, "message", (m) => m.id === summary.id && m.meta?.summaryAnswer === "yes");
    const moved = nextEvent<Conversation>(operator, "conversation:updated", (c) => c.id === id && c.phase === "response");
    const answer = await emitAck(visitor, "summary:answer", { conversationId: id, messageId: summary.id, answer: "yes" });
    expect(answer.ok).toBe(true);
    await moved;
    await marked;
    const notASummary = await emitAck(visitor, "summary:answer", { conversationId: id, messageId: "not-a-message", answer: "no" });
    expect(notASummary.ok).toBe(false);
    operator.close();
    visitor.close();
  });
});
