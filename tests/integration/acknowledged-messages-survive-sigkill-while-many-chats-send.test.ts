// Group commit keeps the promise: with many chats sending at once (messages stored in shared commits),
// kill -9 mid-stream, restart on the same database, and every acknowledged message is there with its seq.
import { afterAll, describe, expect, it } from "vitest";
import type { Message } from "@live-chat/protocol";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";
import { ADMIN, api, connectVisitor, emitAck, eventually, login, type VisitorSocket } from "../support/clients.js";

const running: SpawnedServer[] = [];
afterAll(async () => {
  for (const s of running) await s.stop("SIGKILL");
});

const CHATS = 10;
const PER_CHAT = 40;

describe("a server killed with SIGKILL while many chats send at once", () => {
  it("restarts with every acknowledged message stored under the seq its ack carried, and no gap", { timeout: 120_000 }, async () => {
    const first = await spawnServer();
    running.push(first);
    const chats: Array<{ socket: VisitorSocket; conversationId: string }> = [];
    for (let c = 0; c < CHATS; c++) {
      const { socket } = await connectVisitor(first.url, { name: `Bezoeker ${c}` });
      const started = await emitAck(socket, "conversation:start", {});
      chats.push({ socket, conversationId: started.conversation.id as string });
    }
    const acked = new Map<string, { conversationId: string; seq: number }>();
    // Every chat puts all its messages on the wire at once, without waiting for acks.
    for (const [c, { socket, conversationId }] of chats.entries()) {
      for (let n = 0; n < PER_CHAT; n++) {
        const clientId = `c${c}-m${n}`;
        socket.emit("message:send", { conversationId, clientId, body: `chat ${c} bericht ${n}` }, (ack: { ok: boolean; message?: Message }) => {
          if (ack.ok && ack.message) acked.set(clientId, { conversationId, seq: ack.message.seq });
        });
      }
    }
    // Killed while acks are still coming in: some of what was sent is acknowledged, some not.
    await eventually(() => expect(acked.size).toBeGreaterThanOrEqual(CHATS * 3), 60_000, 5);
    await first.stop("SIGKILL");
    const ackedAtKill = new Map(acked);
    for (const { socket } of chats) socket.close();

    const second = await spawnServer({ databaseUrl: first.databaseUrl });
    running.push(second);
    const { token } = await login(second.url, ADMIN.email, ADMIN.password);
    let stored = 0;
    for (const { conversationId } of chats) {
      const rows = (await api<Message[]>(second.url, `/api/conversations/${conversationId}/messages`, { token })).body;
      stored += rows.length;
      expect(rows.map((m) => m.seq)).toEqual(rows.map((_, i) => i + 1));
      const bySeq = new Map(rows.map((m) => [m.seq, m.clientId]));
      for (const [clientId, ack] of ackedAtKill) if (ack.conversationId === conversationId) expect(bySeq.get(ack.seq)).toBe(clientId);
    }
    expect(stored).toBeGreaterThanOrEqual(ackedAtKill.size);
  });
});
