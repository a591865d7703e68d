// Nothing acknowledged is lost: kill -9 after 30 acknowledged messages, restart on the same database.
import { afterAll, describe, expect, it } from "vitest";
import type { Message } from "@live-chat/protocol";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";
import { ADMIN, api, connectVisitor, emitAck, login } from "../support/clients.js";

const running: SpawnedServer[] = [];
afterAll(async () => {
  for (const s of running) await s.stop("SIGKILL");
});

describe("a server killed with SIGKILL", () => {
  it("restarts on the same database with all 30 acknowledged messages, in order", { timeout: 90_000 }, async () => {
    const first = await spawnServer();
    running.push(first);
    const { socket, session } = await connectVisitor(first.url, { name: "Nico" });
    const started = await emitAck(socket, "conversation:start", {});
    const conversationId = started.conversation.id as string;
    const acked: number[] = [];
    for (let i = 1; i <= 30; i++) {
      const ack = await emitAck(socket, "message:send", { conversationId, clientId: `k-${i}`, body: `bericht ${i}` });
      expect(ack.ok).toBe(true);
      acked.push(ack.message.seq);
    }
    socket.close();
    await first.stop("SIGKILL");

    const second = await spawnServer({ databaseUrl: first.databaseUrl });
    running.push(second);
    const { token } = await login(second.url, ADMIN.email, ADMIN.password);
    const stored = await api<Message[]>(second.url, `/api/conversations/${conversationId}/messages`, { token });
    expect(stored.body.map((m) => m.body)).toEqual(Array.from({ length: 30 }, (_, i) => `bericht ${i + 1}`));
    expect(stored.body.map((m) => m.seq)).toEqual(acked);
    const resumed = await connectVisitor(second.url, { visitorToken: session.visitorToken });
    expect(resumed.session.conversation?.id).toBe(conversationId);
    resumed.socket.close();
  });
});
