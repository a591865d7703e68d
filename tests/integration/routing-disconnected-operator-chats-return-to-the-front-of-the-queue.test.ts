import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message } from "@live-chat/protocol";
import { startTestServer, type TestServer } from "../support/server.js";
import { connectOperator, emitAck, eventually, nextEvent, sleep } from "../support/clients.js";
import { assignedTo, conversation, member, patchSettings, startChat } from "./routing-support.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await patchSettings(server, { operatorGraceMs: 1000 });
});
afterAll(() => server?.close());

describe("an operator whose every inbox tab is gone", () => {
  it("keeps their chats through the grace period when they come back in time", async () => {
    const jan = await member(server, "Jan", 1);
    const chat = await startChat(server, "stays");
    await assignedTo(server, chat.conversationId, jan.id);
    jan.socket.close();
    await sleep(300);
    const back = await connectOperator(server.url, jan.token);
    // Well past the grace period and a sweep or two: still Jan's, nothing said to the visitor.
    await sleep(7000);
    expect(await conversation(server, chat.conversationId)).toMatchObject({ status: "active", operator: { id: jan.id } });
    expect(chat.messages.some((m) => m.meta?.systemKey === "requeued")).toBe(false);
    // Ended properly, so it cannot come back to the queue when Jan signs off.
    expect((await emitAck(chat.socket, "conversation:leave", { conversationId: chat.conversationId })).ok).toBe(true);
    expect((await emitAck(back, "conversation:close", { conversationId: chat.conversationId })).ok).toBe(true);
    back.close();
    chat.socket.close();
  }, 20_000);

  it("goes offline after the grace period; their chats go back to the front of the queue and the visitor is told", async () => {
    const kim = await member(server, "Kim", 1);
    const older = await startChat(server, "older");
    await assignedTo(server, older.conversationId, kim.id);
    expect((await emitAck(kim.socket, "message:send", { conversationId: older.conversationId, clientId: "kim-1", body: "Let me look that up for you." })).ok).toBe(true);
    const newer = await startChat(server, "newer");
    expect((await conversation(server, newer.conversationId)).status).toBe("queued");

    const requeued = nextEvent<Message>(older.socket, "message", (m) => m.kind === "system" && m.meta?.systemKey === "requeued", 15_000);
    const disconnectedAt = Date.now();
    kim.socket.close();
    // Within the grace period the chat is still Kim's.
    await sleep(500);
    expect((await conversation(server, older.conversationId)).operator?.id).toBe(kim.id);
    await requeued;
    expect(Date.now() - disconnectedAt).toBeGreaterThanOrEqual(1000);
    await eventually(() => expect(older.queue.at(-1)).toMatchObject({ conversationId: older.conversationId, position: 1 }));
    await eventually(() => expect(newer.queue.at(-1)).toMatchObject({ conversationId: newer.conversationId, position: 2 }));

    // The next colleague gets the returned chat first, with its history.
    const lotte = await member(server, "Lotte", 1);
    await assignedTo(server, older.conversationId, lotte.id);
    expect((await conversation(server, newer.conversationId)).status).toBe("queued");
    const history = await emitAck(lotte.socket, "sync", { conversationId: older.conversationId, afterSeq: 0 });
    expect(history.messages.map((m: Message) => m.body)).toEqual(expect.arrayContaining(["Hello, this is older", "Let me look that up for you."]));
    const users = await fetch(`${server.url}/api/users`, { headers: { authorization: `Bearer ${server.adminToken}` } }).then((r) => r.json() as Promise<Array<{ id: string; presence: string }>>);
    expect(users.find((u) => u.id === kim.id)?.presence).toBe("offline");
    older.socket.close();
    newer.socket.close();
  }, 30_000);

  it("has a slot count left behind by a crash reset once gone, so the slot is not lost", async () => {
    const mara = await member(server, "Mara", 2);
    // As if the server died between taking a slot and taking the chat.
    await server.ctx.db.user.update({ where: { id: mara.id }, data: { openChats: 1 } });
    mara.socket.close();
    await eventually(async () => {
      const row = await server.ctx.db.user.findUniqueOrThrow({ where: { id: mara.id }, select: { presence: true, openChats: true } });
      expect(row).toEqual({ presence: "offline", openChats: 0 });
    }, 15_000);
  }, 20_000);
});
