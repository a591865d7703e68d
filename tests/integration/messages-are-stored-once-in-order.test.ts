// seq is gap-free under concurrency; a repeated clientId is stored once; sync replays exactly the gap.
import { describe, expect, it } from "vitest";
import type { Message } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, createOperator, emitAck, onlineOperator } from "../support/clients.js";

const server = useTestServer();

async function startedChat() {
  const { socket, session } = await connectVisitor(server.url, { name: "Cornelis" });
  const started = await emitAck(socket, "conversation:start", {});
  return { socket, session, conversationId: started.conversation.id as string };
}

describe("messages", () => {
  it("get a gap-free seq under 50 concurrent sends", async () => {
    const { socket, conversationId } = await startedChat();
    const acks = await Promise.all(Array.from({ length: 50 }, (_, i) => emitAck(socket, "message:send", { conversationId, clientId: `m-${i}`, body: `message ${i}` })));
    expect(acks.every((a) => a.ok)).toBe(true);
    const seqs = acks.map((a) => a.message.seq as number).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const stored = await api<Message[]>(server.url, `/api/conversations/${conversationId}/messages`, { token: server.adminToken });
    expect(stored.body.map((m) => m.seq)).toEqual(seqs);
    socket.close();
  });

  it("store a repeated clientId once and answer with the stored message", async () => {
    const { socket, conversationId } = await startedChat();
    const first = await emitAck(socket, "message:send", { conversationId, clientId: "same", body: "hello" });
    const again = await Promise.all([1, 2, 3].map(() => emitAck(socket, "message:send", { conversationId, clientId: "same", body: "hello" })));
    for (const a of again) expect(a.message).toEqual(first.message);
    const stored = await api<Message[]>(server.url, `/api/conversations/${conversationId}/messages`, { token: server.adminToken });
    expect(stored.body.filter((m) => m.clientId === "same")).toHaveLength(1);
    socket.close();
  });

  it("sync replays exactly the messages after afterSeq", async () => {
    const { socket, conversationId } = await startedChat();
    for (let i = 1; i <= 7; i++) await emitAck(socket, "message:send", { conversationId, clientId: `s-${i}`, body: `line ${i}` });
    const replay = await emitAck(socket, "sync", { conversationId, afterSeq: 4 });
    expect(replay.messages.map((m: Message) => m.seq)).toEqual([5, 6, 7]);
    const none = await emitAck(socket, "sync", { conversationId, afterSeq: 7 });
    expect(none.messages).toEqual([]);
    socket.close();
  });

  it("notes stay internal: the operator sees them, the visitor never does", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Dirk" });
    const operator = await onlineOperator(server.url, op.token);
    const { socket: visitor, conversationId } = await startedChat();
    const seen: Message[] = [];
    visitor.on("message", (m) => seen.push(m));
    await new Promise((r) => setTimeout(r, 300));
    const note = await emitAck(operator, "message:send", { conversationId, clientId: "n-1", body: "Klant lijkt geïrriteerd", kind: "note" });
    expect(note.ok).toBe(true);
    await emitAck(operator, "message:send", { conversationId, clientId: "t-1", body: "Goedemorgen, ik ben Dirk." });
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.some((m) => m.kind === "note")).toBe(false);
    const visitorSync = await emitAck(visitor, "sync", { conversationId, afterSeq: 0 });
    expect(visitorSync.messages.some((m: Message) => m.kind === "note")).toBe(false);
    const operatorSync = await emitAck(operator, "sync", { conversationId, afterSeq: 0 });
    expect(operatorSync.messages.some((m: Message) => m.kind === "note" && m.body === "Klant lijkt geïrriteerd")).toBe(true);
    visitor.close();
    operator.close();
  });

  it("a visitor cannot read or write another visitor's conversation", async () => {
    const owner = await startedChat();
    await emitAck(owner.socket, "message:send", { conversationId: owner.conversationId, clientId: "o-1", body: "private" });
    const { socket: intruder } = await connectVisitor(server.url, {});
    const write = await emitAck(intruder, "message:send", { conversationId: owner.conversationId, clientId: "x", body: "hi" });
    expect(write).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const read = await emitAck(intruder, "sync", { conversationId: owner.conversationId, afterSeq: 0 });
    expect(read).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const leave = await emitAck(intruder, "conversation:leave", { conversationId: owner.conversationId });
    expect(leave.ok).toBe(false);
    const stored = await api<Message[]>(server.url, `/api/conversations/${owner.conversationId}/messages`, { token: server.adminToken });
    expect(stored.body.map((m) => m.body)).toEqual(["private"]);
    owner.socket.close();
    intruder.close();
  });
});
