import { describe, expect, it } from "vitest";
import type { Conversation, Message } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { connectOperator, connectVisitor, createOperator, emitAck, nextEvent, onlineOperator } from "../support/clients.js";

const server = useTestServer();

describe("a visitor's chat", () => {
  it("reaches an online operator and the reply comes back", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Bernard" });
    const operator = await onlineOperator(server.url, op.token);
    const { socket: visitor, session } = await connectVisitor(server.url, { name: "Anna", locale: "nl" });
    expect(session.availability.operatorsOnline).toBe(true);
    expect(session.conversation).toBeNull();

    const assigned = nextEvent<Conversation>(operator, "conversation:assigned", (c) => c.visitor.name === "Anna");
    const started = await emitAck(visitor, "conversation:start", { body: "Mijn pakket is niet aangekomen", clientId: "c-1" });
    expect(started.ok).toBe(true);
    const conversation = await assigned;
    expect(conversation.id).toBe(started.conversation.id);
    expect(conversation.operator).toMatchObject({ name: "Bernard" });
    expect(conversation.visitor.name).toBe("Anna");

    const history = await emitAck(operator, "sync", { conversationId: conversation.id, afterSeq: 0 });
    expect(history.messages.map((m: Message) => m.body)).toContain("Mijn pakket is niet aangekomen");

    const reply = nextEvent<Message>(visitor, "message", (m) => m.kind === "text" && m.author.type === "operator");
    const sent = await emitAck(operator, "message:send", { conversationId: conversation.id, clientId: "op-1", body: "Goedemiddag Anna, ik ben Bernard." });
    expect(sent.ok).toBe(true);
    const received = await reply;
    expect(received).toMatchObject({ body: "Goedemiddag Anna, ik ben Bernard.", author: { type: "operator", name: "Bernard" } });

    const fromVisitor = nextEvent<Message>(operator, "message", (m) => m.body === "Dank u");
    await emitAck(visitor, "message:send", { conversationId: conversation.id, clientId: "c-2", body: "Dank u" });
    expect((await fromVisitor).author.type).toBe("visitor");
    visitor.close();
    operator.close();
  });

  it("refuses an operator socket without a valid token at connect", async () => {
    await expect(connectOperator(server.url, "not-a-token")).rejects.toThrow(/UNAUTHORIZED/);
    await expect(connectOperator(server.url, "")).rejects.toThrow(/UNAUTHORIZED/);
  });
});
