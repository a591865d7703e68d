// A script flooding the public visitor namespace is refused with RATE_LIMITED; refused messages are not stored.
import { describe, expect, it } from "vitest";
import type { Message } from "@live-chat/protocol";
import { useTestServer } from "../support/server.js";
import { api, connectVisitor, emitAck } from "../support/clients.js";

const server = useTestServer();

describe("a flooding visitor", () => {
  it("gets RATE_LIMITED past the message budget, and only acknowledged messages are stored", async () => {
    const { socket } = await connectVisitor(server.url, {});
    const started = await emitAck(socket, "conversation:start", {});
    const conversationId = started.conversation.id as string;
    const acks = await Promise.all(Array.from({ length: 80 }, (_, i) => emitAck(socket, "message:send", { conversationId, clientId: `f-${i}`, body: `spam ${i}` })));
    const accepted = acks.filter((a) => a.ok);
    const refused = acks.filter((a) => !a.ok);
    expect(accepted).toHaveLength(60);
    expect(refused.every((a) => a.error.code === "RATE_LIMITED")).toBe(true);
    const stored = await api<Message[]>(server.url, `/api/conversations/${conversationId}/messages`, { token: server.adminToken });
    expect(stored.body.map((m) => m.clientId).sort()).toEqual(accepted.map((a) => a.message.clientId).sort());
    expect(socket.connected).toBe(true);
    socket.close();
  });

  it("cannot leave endless offline messages", async () => {
    const { socket } = await connectVisitor(server.url, { locale: "nl" });
    const acks = [];
    for (let i = 0; i < 12; i++) acks.push(await emitAck(socket, "offline:message", { name: "Bot", email: "bot@example.com", body: `koop nu ${i}` }));
    expect(acks.filter((a) => a.ok)).toHaveLength(10);
    expect(acks.at(-1)).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    expect(acks.at(-1).error.message).toMatch(/Te veel pogingen/);
    socket.close();
  });
});
