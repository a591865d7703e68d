import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { emitAck, eventually, sleep } from "../support/clients.js";
import { assignedTo, conversations, member, openChatsOf, startChat, type Chatter } from "./routing-support.js";

const server = useTestServer();

describe("routing", () => {
  it("gives a chat to the operator with the fewest open chats, then to the one idle longest", async () => {
    const anna = await member(server, "Anna", 3);
    await sleep(20);
    const bram = await member(server, "Bram", 3);
    // Both have nothing open; Anna came online first, so she has been idle longest.
    const first = await startChat(server, "v1");
    await assignedTo(server, first.conversationId, anna.id);
    // Bram now has fewer open chats.
    const second = await startChat(server, "v2");
    await assignedTo(server, second.conversationId, bram.id);
    // One each: Anna got her last chat before Bram, so she is idle longest.
    const third = await startChat(server, "v3");
    await assignedTo(server, third.conversationId, anna.id);
    const fourth = await startChat(server, "v4");
    await assignedTo(server, fourth.conversationId, bram.id);
    // The stored assignment can be read a moment before its event reaches the operator's socket.
    await eventually(() => {
      expect(anna.assigned.map((c) => c.id)).toEqual([first.conversationId, third.conversationId]);
      expect(bram.assigned.map((c) => c.id)).toEqual([second.conversationId, fourth.conversationId]);
    });
    for (const chatter of [first, second, third, fourth]) chatter.socket.close();
    for (const op of [anna, bram]) expect((await emitAck(op.socket, "presence:set", { status: "offline" })).ok).toBe(true);
  });

  it("never goes over an operator's capacity, and away and offline operators get nothing", async () => {
    const cas = await member(server, "Cas", 1);
    const dewi = await member(server, "Dewi", 2);
    const away = await member(server, "Away", 5, "away");
    const offline = await member(server, "Offline", 5, "offline");
    const chatters: Chatter[] = [];
    for (let i = 0; i < 5; i++) chatters.push(await startChat(server, `cap${i}`));
    await eventually(async () => expect((await conversations(server, "active")).filter((c) => chatters.some((v) => v.conversationId === c.id))).toHaveLength(3));
    await sleep(300);
    const counts = await openChatsOf(server);
    expect(counts.get(cas.id)).toEqual({ openChats: 1, maxChats: 1 });
    expect(counts.get(dewi.id)).toEqual({ openChats: 2, maxChats: 2 });
    expect(counts.get(away.id)?.openChats).toBe(0);
    expect(counts.get(offline.id)?.openChats).toBe(0);
    expect(cas.assigned).toHaveLength(1);
    expect(dewi.assigned).toHaveLength(2);
    expect(away.assigned).toHaveLength(0);
    expect(offline.assigned).toHaveLength(0);
    const queued = (await conversations(server, "queued")).filter((c) => chatters.some((v) => v.conversationId === c.id));
    expect(queued).toHaveLength(2);
    // The away operator coming online takes the two waiting chats, oldest first.
    expect((await emitAck(away.socket, "presence:set", { status: "online" })).ok).toBe(true);
    await eventually(() => expect(away.assigned).toHaveLength(2));
    expect(away.assigned.map((c) => c.id)).toEqual([chatters[3]!.conversationId, chatters[4]!.conversationId]);
    expect(offline.assigned).toHaveLength(0);
    for (const chatter of chatters) chatter.socket.close();
  });
});
