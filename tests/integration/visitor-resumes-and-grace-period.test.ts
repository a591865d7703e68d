// The visitorToken resumes the visitor and their chat; a reconnect within the grace period is not leaving.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Conversation } from "@live-chat/protocol";
import { startTestServer, type TestServer } from "../support/server.js";
import { connectVisitor, createOperator, emitAck, eventually, nextEvent, onlineOperator, sleep } from "../support/clients.js";

const GRACE_MS = 1500;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ VISITOR_GRACE_MS: String(GRACE_MS) });
});
afterAll(() => server?.close());

describe("a returning visitor", () => {
  it("resumes the same visitor and open conversation with their token, in another tab too", async () => {
    const first = await connectVisitor(server.url, { name: "Hendrik" });
    const started = await emitAck(first.socket, "conversation:start", { body: "Vraag over mijn factuur", clientId: "h-1" });
    const second = await connectVisitor(server.url, { visitorToken: first.session.visitorToken });
    expect(second.session.visitorId).toBe(first.session.visitorId);
    expect(second.session.conversation?.id).toBe(started.conversation.id);
    const replay = await emitAck(second.socket, "sync", { conversationId: started.conversation.id, afterSeq: 0 });
    expect(replay.messages.map((m: { body: string }) => m.body)).toContain("Vraag over mijn factuur");
    const stranger = await connectVisitor(server.url, { visitorToken: "vt_forged" });
    expect(stranger.session.visitorId).not.toBe(first.session.visitorId);
    expect(stranger.session.conversation).toBeNull();
    first.socket.close();
    second.socket.close();
    stranger.socket.close();
  });

  it("does not count a reconnect within the grace period as leaving, but an absence past it", async () => {
    const op = await createOperator(server.url, server.adminToken, { name: "Izaak" });
    const operator = await onlineOperator(server.url, op.token);
    const v = await connectVisitor(server.url, { name: "Jan" });
    const assigned = nextEvent<Conversation>(operator, "conversation:assigned", (c) => c.visitor.name === "Jan");
    await emitAck(v.socket, "conversation:start", { body: "hoi", clientId: "j-1" });
    const conversation = await assigned;

    v.socket.close();
    await sleep(GRACE_MS / 3);
    const back = await connectVisitor(server.url, { visitorToken: v.session.visitorToken });
    expect(back.session.conversation?.id).toBe(conversation.id);
    await sleep(GRACE_MS * 1.5);
    const listed = await emitAck(operator, "conversations:list", {});
    const still = listed.conversations.find((c: Conversation) => c.id === conversation.id);
    expect(still.checklist.visitor_left).toBe(false);
    expect(still.visitorConnected).toBe(true);

    const leftUpdate = nextEvent<Conversation>(operator, "conversation:updated", (c) => c.id === conversation.id && c.checklist.visitor_left);
    back.socket.close();
    const left = await leftUpdate;
    expect(left.checklist.visitor_left).toBe(true);
    await eventually(async () => {
      const again = await emitAck(operator, "conversations:list", {});
      const c = again.conversations.find((x: Conversation) => x.id === conversation.id);
      expect(c.visitorConnected).toBe(false);
    });
    operator.close();
  });
});
