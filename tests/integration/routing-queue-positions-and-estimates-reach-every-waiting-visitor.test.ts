import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";
import { connectOperator, connectVisitor, emitAck, eventually, nextEvent } from "../support/clients.js";
import { assignedTo, endChat, member, startChat, type Chatter } from "./routing-support.js";

const server = useTestServer();

const latest = (chatter: Chatter) => chatter.queue.filter((q) => q.conversationId === chatter.conversationId).at(-1);

describe("waiting visitors", () => {
  it("hear their position and expected wait after every change, and operators hear the queue size", async () => {
    const hanna = await member(server, "Hanna", 1);
    const watcher = await connectOperator(server.url, hanna.token);
    const queueUpdates: Array<{ waiting: number; oldestWaitSeconds: number }> = [];
    watcher.on("queue:updated", (q) => queueUpdates.push(q));

    const busy = await startChat(server, "busy");
    await assignedTo(server, busy.conversationId, hanna.id);
    const v1 = await startChat(server, "w1");
    const v2 = await startChat(server, "w2");
    const v3 = await startChat(server, "w3");

    await eventually(() => {
      expect(latest(v1)?.position).toBe(1);
      expect(latest(v2)?.position).toBe(2);
      expect(latest(v3)?.position).toBe(3);
    });
    // One operator, one slot: each place further back waits longer.
    const [e1, e2, e3] = [v1, v2, v3].map((v) => latest(v)!.estimatedWaitSeconds);
    expect(e1).toBeGreaterThan(0);
    expect(e2).toBeGreaterThan(e1!);
    expect(e3).toBeGreaterThan(e2!);
    await eventually(() => expect(queueUpdates.at(-1)).toMatchObject({ waiting: 3 }));
    expect(queueUpdates.at(-1)!.oldestWaitSeconds).toBeGreaterThanOrEqual(0);

    // A newcomer sees the expected wait before starting: behind all three.
    const { socket: newcomer, session } = await connectVisitor(server.url, { locale: "en" });
    expect(session.availability.estimatedWaitSeconds).toBeGreaterThan(e3!);
    newcomer.close();

    // The first in line gives up: everyone behind moves up.
    expect((await emitAck(v1.socket, "conversation:leave", { conversationId: v1.conversationId })).ok).toBe(true);
    await eventually(() => {
      expect(latest(v2)?.position).toBe(1);
      expect(latest(v3)?.position).toBe(2);
    });
    await eventually(() => expect(queueUpdates.at(-1)).toMatchObject({ waiting: 2 }));

    // A slot frees: the first in line is served, the last moves up again.
    const joined = nextEvent(v2.socket, "message", (m) => m.kind === "system" && m.meta?.systemKey === "operator_joined");
    await endChat(busy, hanna);
    await joined;
    await eventually(() => expect(latest(v3)?.position).toBe(1));
    await eventually(() => expect(queueUpdates.at(-1)).toMatchObject({ waiting: 1 }));

    // A colleague coming online serves the last one: the queue is empty.
    const ivo = await member(server, "Ivo", 1);
    await assignedTo(server, v3.conversationId, ivo.id);
    await eventually(() => expect(queueUpdates.at(-1)).toMatchObject({ waiting: 0, oldestWaitSeconds: 0 }));
    for (const v of [v1, v2, v3, busy]) v.socket.close();
    watcher.close();
  });

  it("are told nothing about other visitors' chats", async () => {
    const a = await startChat(server, "only-mine-a");
    const b = await startChat(server, "only-mine-b");
    await eventually(() => expect(latest(b)).toBeDefined());
    expect(a.queue.every((q) => q.conversationId === a.conversationId)).toBe(true);
    expect(b.queue.every((q) => q.conversationId === b.conversationId)).toBe(true);
    a.socket.close();
    b.socket.close();
  });
});
