// A SIGTERM restart on the same port and database: sockets reconnect by themselves and the operator keeps presence and chats.
import { afterAll, describe, expect, it } from "vitest";
import { io } from "socket.io-client";
import { PROTOCOL_VERSION } from "@live-chat/protocol";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";
import { api, emitAck, eventually, login, nextEvent, sleep, type OperatorSocket, type VisitorSocket } from "../support/clients.js";

const running: SpawnedServer[] = [];
afterAll(async () => {
  for (const s of running) await s.stop("SIGKILL");
});

describe("a server restarted with SIGTERM", () => {
  it("is found again by both clients without a reload, and the operator is still online with the same chat", { timeout: 90_000 }, async () => {
    const first = await spawnServer();
    running.push(first);
    const port = Number(new URL(first.url).port);
    const { token, user } = await login(first.url);
    // Reconnection on, as in the inbox and the widget: the test proves the server lets them come back.
    const operator: OperatorSocket = io(`${first.url}/operator`, { auth: { token, protocolVersion: PROTOCOL_VERSION }, transports: ["websocket"], forceNew: true, reconnectionDelay: 200, reconnectionDelayMax: 1000 });
    await nextEvent(operator, "connect");
    expect((await emitAck(operator, "presence:set", { status: "online" })).ok).toBe(true);
    let visitorToken: string | undefined;
    const visitor: VisitorSocket = io(`${first.url}/visitor`, { auth: (cb) => cb({ visitorToken, name: "Ruud", protocolVersion: PROTOCOL_VERSION }), transports: ["websocket"], forceNew: true, reconnectionDelay: 200, reconnectionDelayMax: 1000 });
    visitor.on("session", (s) => (visitorToken = s.visitorToken));
    await nextEvent(visitor, "session");
    const started = await emitAck(visitor, "conversation:start", {});
    const conversationId = started.conversation.id as string;
    await eventually(async () => {
      const list = await emitAck(operator, "conversations:list", {});
      expect(list.conversations.find((c: { id: string }) => c.id === conversationId)?.status).toBe("active");
    });
    const reasons: string[] = [];
    operator.on("disconnect", (r) => reasons.push(`operator: ${r}`));
    visitor.on("disconnect", (r) => reasons.push(`visitor: ${r}`));

    await first.stop("SIGTERM");
    const second = await spawnServer({ databaseUrl: first.databaseUrl, port });
    running.push(second);
    const back = Date.now();
    await eventually(() => expect(operator.connected && visitor.connected).toBe(true), 10_000);
    expect(Date.now() - back).toBeLessThan(5000);
    // A server-side disconnect would have told the clients never to come back.
    expect(reasons.some((r) => r.endsWith("io server disconnect"))).toBe(false);

    // The message sent after the restart arrives once, and the chat is still this operator's.
    const received: string[] = [];
    operator.on("message", (m) => received.push(m.clientId ?? m.body));
    const ack = await emitAck(visitor, "message:send", { conversationId, clientId: "after-restart", body: "nog daar?" });
    expect(ack.ok).toBe(true);
    expect((await emitAck(visitor, "message:send", { conversationId, clientId: "after-restart", body: "nog daar?" })).ok).toBe(true);
    await sleep(300);
    const list = await emitAck(operator, "conversations:list", {});
    const chat = list.conversations.find((c: { id: string }) => c.id === conversationId);
    expect(chat?.status).toBe("active");
    expect(chat?.operator?.id).toBe(user.id);
    const stored = await api<{ clientId?: string }[]>(second.url, `/api/conversations/${conversationId}/messages`, { token });
    expect(stored.body.filter((m) => m.clientId === "after-restart")).toHaveLength(1);
    const me = await api<{ presence: string }>(second.url, "/api/me", { token });
    expect(me.body.presence).toBe("online");
    operator.close();
    visitor.close();
  });
});
