// The cluster's default adapter is sharded Redis pub/sub, which keeps nothing for a node that is cut
// off: broadcasts published while a node's subscriber connection is down never reach it. So a node
// whose subscriber comes back sends its clients to reconnect (the widget and the inbox read what they
// missed from the database on every connect), and its subscriptions carry messages across again.
import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import { io } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import type { Conversation, Message } from "@live-chat/protocol";
import { startTestServer, type TestServer } from "../support/server.js";
import { connectVisitor, createOperator, emitAck, nextEvent, type OperatorSocket, type VisitorSocket } from "../support/clients.js";
import { POSTGRES_URL, REDIS_URL, requireServices } from "../support/services.js";

const available = await requireServices(["postgres", "redis"], "the cluster pub/sub suite");
const nodes: TestServer[] = [];
const sockets: Array<OperatorSocket | VisitorSocket> = [];
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const n of nodes) await n.close();
});

describe.skipIf(!available)("a node whose pub/sub connection to Redis was cut", () => {
  it("sends its clients to reconnect once the subscriber is back, and carries a chat across the nodes again", async () => {
    const url = new URL(POSTGRES_URL);
    url.searchParams.set("schema", `lc_pubsub_${randomBytes(5).toString("hex")}`);
    const prefix = `test-${randomBytes(5).toString("hex")}`;
    const env = { DATABASE_URL: url.toString(), REDIS_URL, REDIS_KEY_PREFIX: prefix, SESSION_SECRET: "cluster-test-secret" };
    const a = await startTestServer(env);
    const b = await startTestServer(env);
    nodes.push(a, b);

    const op = await createOperator(b.url, b.adminToken, { name: "Wim" });
    // Clients that reconnect by themselves, as the inbox and the widget do.
    const operator: OperatorSocket = io(`${b.url}/operator`, { auth: { token: op.token }, transports: ["websocket"], forceNew: true });
    sockets.push(operator);
    await new Promise((resolve) => operator.once("connect", () => resolve(undefined)));
    expect((await emitAck(operator, "presence:set", { status: "online" })).ok).toBe(true);
    const { socket: visitor, session } = await connectVisitor(a.url, { name: "Xander" }, { reconnection: true });
    sockets.push(visitor);
    visitor.auth = { visitorToken: session.visitorToken };
    const assigned = nextEvent<Conversation>(operator, "conversation:assigned");
    const started = await emitAck(visitor, "conversation:start", { body: "Hallo vanaf node A", clientId: "x-1" });
    expect((await assigned).id).toBe(started.conversation.id);

    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    try {
      const clients = String(await redis.sendCommand(["CLIENT", "LIST"])).split("\n");
      const subscribers = clients.filter((line) => line.includes(` name=${prefix}:adapter-sub `)).map((line) => /\bid=(\d+)/.exec(line)![1]!);
      expect(subscribers, "one subscriber connection per node").toHaveLength(2);
      const dropped = [visitor, operator].map((s) => new Promise<string>((resolve) => s.once("disconnect", (reason) => resolve(reason))));
      const visitorBack = nextEvent(visitor, "session", () => true, 15_000);
      const operatorBack = new Promise((resolve) => operator.once("connect", () => resolve(undefined)));
      for (const id of subscribers) await redis.sendCommand(["CLIENT", "KILL", "ID", id]);
      // Sent away by their nodes (a transport close, so they come back by themselves), not by a ping timeout.
      expect(await Promise.all(dropped)).toEqual(["transport close", "transport close"]);
      const again = await visitorBack;
      await operatorBack;
      expect(again.visitorId).toBe(session.visitorId);
      expect((await emitAck(operator, "presence:set", { status: "online" })).ok).toBe(true);
    } finally {
      await redis.quit();
    }

    // The resubscribed nodes carry the chat both ways again.
    const toOperator = nextEvent<Message>(operator, "message", (m) => m.clientId === "x-2");
    expect((await emitAck(visitor, "message:send", { conversationId: started.conversation.id, clientId: "x-2", body: "Bent u er nog?" })).ok).toBe(true);
    expect((await toOperator).body).toBe("Bent u er nog?");
    const toVisitor = nextEvent<Message>(visitor, "message", (m) => m.clientId === "w-2");
    expect((await emitAck(operator, "message:send", { conversationId: started.conversation.id, clientId: "w-2", body: "Ja, ik ben er." })).ok).toBe(true);
    expect((await toVisitor).body).toBe("Ja, ik ben er.");
  });
});
