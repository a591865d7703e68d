// Every payload that fails validation gets BAD_REQUEST, changes nothing, and the connection stays up.
import { describe, expect, it } from "vitest";
import type { Message } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { SOCKET_FRAME_LIMIT_BYTES } from "../../apps/server/src/realtime/limits.js";
import { api, connectVisitor, createOperator, emitAck, nextEvent, onlineOperator } from "../support/clients.js";

const server = useTestServer();

describe("bad payloads", () => {
  it("get BAD_REQUEST on both namespaces and change nothing", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Eva" });
    const operator = await onlineOperator(server.url, op.token);
    const { socket: visitor } = await connectVisitor(server.url, { locale: "nl" });
    const started = await emitAck(visitor, "conversation:start", { body: "hallo", clientId: "first" });
    const conversationId = started.conversation.id as string;

    const visitorCases: Array<[string, unknown]> = [
      ["message:send", { conversationId, clientId: "a", body: "x".repeat(4001) }],
      ["message:send", { conversationId, clientId: "a", body: "" }],
      ["message:send", { conversationId, body: "no client id" }],
      ["message:send", { conversationId, clientId: "a", body: 42 }],
      ["message:send", "just a string"],
      ["message:send", null],
      ["message:send", { conversationId, clientId: "a", body: "ok", extra: true }],
      ["sync", { conversationId, afterSeq: -1 }],
      ["rating", { conversationId, score: 6 }],
      ["offline:message", { name: "A", email: "not-an-email", body: "hi" }],
      ["conversation:start", { body: "y".repeat(5000) }],
      ["no:such:event", { anything: true }],
    ];
    for (const [event, payload] of visitorCases) {
      const ack = await emitAck(visitor, event, payload);
      expect(ack, `${event} ${JSON.stringify(payload).slice(0, 60)}`).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
      expect(ack.error.message).toMatch(/verzoek|invoer|controleer/i);
    }
    const operatorCases: Array<[string, unknown]> = [
      ["presence:set", { status: "sleeping" }],
      ["phase:set", { conversationId, phase: "chitchat" }],
      ["checklist:check", { conversationId, item: "visitor_left" }],
      ["checklist:check", { conversationId, item: "made_coffee" }],
      ["message:send", { conversationId, clientId: "b", body: "x".repeat(4001) }],
      ["message:send", { conversationId, clientId: "b", body: "hi", kind: "html" }],
      ["conversation:transfer", { conversationId }],
      ["whatever", {}],
    ];
    for (const [event, payload] of operatorCases) {
      const ack = await emitAck(operator, event, payload);
      expect(ack, `${event}`).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    }
    expect(visitor.connected).toBe(true);
    expect(operator.connected).toBe(true);
    const stored = await api<Message[]>(server.url, `/api/conversations/${conversationId}/messages`, { token: server.adminToken });
    expect(stored.body.filter((m) => m.kind !== "system").map((m) => m.body)).toEqual(["hallo"]);
    const conv = await emitAck(operator, "conversations:list", {});
    const mine = conv.conversations.find((c: { id: string }) => c.id === conversationId);
    expect(mine).toMatchObject({ phase: "opening", checklist: { asked_resolved: false, visitor_left: false } });
    visitor.close();
    operator.close();
  });

  it("a frame over the socket limit closes only that connection: the client comes back and nothing was stored", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Frank" });
    const operator = await onlineOperator(server.url, op.token);
    const { socket: visitor, session } = await connectVisitor(server.url, { locale: "nl" }, { reconnection: true });
    visitor.auth = { visitorToken: session.visitorToken };
    const started = await emitAck(visitor, "conversation:start", { body: "hallo", clientId: "first" });
    const conversationId = started.conversation.id as string;

    const closed = new Promise<string>((resolve) => visitor.once("disconnect", (reason) => resolve(reason)));
    // No session comes before the client has reconnected.
    const back = nextEvent<{ visitorId: string }>(visitor, "session", undefined, 15_000);
    // 1.1 MB: socket.io refuses the frame before any handler sees it (no ack ever comes).
    let acked = false;
    visitor.emit("message:send", { conversationId, clientId: "huge", body: "x".repeat(SOCKET_FRAME_LIMIT_BYTES + 100_000) }, () => (acked = true));
    // A transport loss, not a server-side disconnect: the latter would tell the client to stay away.
    expect(await closed).toMatch(/^transport (close|error)$/);
    expect((await back).visitorId).toBe(session.visitorId);
    expect(acked).toBe(false);
    expect(operator.connected).toBe(true);

    // The chat goes on where it was.
    const delivered = nextEvent(operator, "message", (m: Message) => m.clientId === "after");
    expect(await emitAck(visitor, "message:send", { conversationId, clientId: "after", body: "nog steeds hier" })).toMatchObject({ ok: true });
    await delivered;
    const stored = await api<Message[]>(server.url, `/api/conversations/${conversationId}/messages`, { token: server.adminToken });
    expect(stored.body.filter((m) => m.kind !== "system").map((m) => m.body)).toEqual(["hallo", "nog steeds hier"]);
    visitor.close();
    operator.close();
  });
});
