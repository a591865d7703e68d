// Many chats sending at once (what group commit batches together on PostgreSQL): every message gets its
// own chat's next seq, each ack carries what was stored, and a refused message in the crowd refuses only itself.
import { describe, expect, it } from "vitest";
import type { Message } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, emitAck } from "../support/clients.js";

const server = useTestServer();
const CHATS = 12;
const PER_CHAT = 8;

describe("messages sent at once in many chats", () => {
  it("are each stored once with their own chat's gap-free seq, and a message to someone else's chat is refused alone", async () => {
    const chats = await Promise.all(
      Array.from({ length: CHATS }, async (_, c) => {
        const { socket } = await connectVisitor(server.url, { name: `Bezoeker ${c}` });
        const started = await emitAck(socket, "conversation:start", {});
        return { socket, conversationId: started.conversation.id as string };
      }),
    );
    const intruder = chats[0]!;
    const victim = chats[1]!;
    // Every chat's sends go out together, interleaved with each other and with one forbidden write.
    const sends = chats.flatMap(({ socket, conversationId }, c) => Array.from({ length: PER_CHAT }, (_, n) => ({ socket, conversationId, clientId: `c${c}-m${n}`, body: `chat ${c} bericht ${n}` })));
    const acks = await Promise.all([
      ...sends.map((s) => emitAck(s.socket, "message:send", { conversationId: s.conversationId, clientId: s.clientId, body: s.body })),
      emitAck(intruder.socket, "message:send", { conversationId: victim.conversationId, clientId: "intruder", body: "niet van mij" }),
    ]);
    const forbidden = acks.pop();
    expect(forbidden.ok).toBe(false);
    expect(forbidden.error.code).toBe("FORBIDDEN");
    expect(acks.every((a) => a.ok)).toBe(true);
    for (const [c, { conversationId }] of chats.entries()) {
      const mine = acks.slice(c * PER_CHAT, (c + 1) * PER_CHAT);
      // Each ack is the chat's own message, with the body it was sent with.
      mine.forEach((a, n) => {
        expect(a.message.conversationId).toBe(conversationId);
        expect(a.message.body).toBe(`chat ${c} bericht ${n}`);
      });
      expect(mine.map((a) => a.message.seq as number).sort((x, y) => x - y)).toEqual(Array.from({ length: PER_CHAT }, (_, i) => i + 1));
      const stored = await api<Message[]>(server.url, `/api/conversations/${conversationId}/messages`, { token: server.adminToken });
      expect(stored.body.map((m) => m.seq)).toEqual(Array.from({ length: PER_CHAT }, (_, i) => i + 1));
      expect(stored.body.map((m) => m.body).sort()).toEqual(mine.map((a) => a.message.body).sort());
      // Sends of one socket arrive in order: seq follows them.
      expect(mine.map((a) => a.message.seq)).toEqual(Array.from({ length: PER_CHAT }, (_, i) => i + 1));
    }
    for (const { socket } of chats) socket.close();
  });
});
