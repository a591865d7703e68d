// Two server nodes on one PostgreSQL and one Redis: events cross nodes, and no chat is assigned twice.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { Conversation, Message } from "@live-chat/protocol";
import { startTestServer, type TestServer } from "../support/server.js";
import { api, connectVisitor, createOperator, emitAck, eventually, nextEvent, onlineOperator, type OperatorSocket, type VisitorSocket } from "../support/clients.js";
import { POSTGRES_URL, REDIS_URL, requireServices } from "../support/services.js";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";

const available = await requireServices(["postgres", "redis"], "the cluster suite");
const nodes: TestServer[] = [];
const processes: SpawnedServer[] = [];
const sockets: Array<OperatorSocket | VisitorSocket> = [];
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const p of processes) await p.stop("SIGKILL");
  for (const n of nodes) await n.close();
});

function clusterEnv(extra: Record<string, string> = {}): Record<string, string> {
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("schema", `lc_cluster_${randomBytes(5).toString("hex")}`);
  return { DATABASE_URL: url.toString(), REDIS_URL, REDIS_KEY_PREFIX: `test-${randomBytes(5).toString("hex")}`, SESSION_SECRET: "cluster-test-secret", ...extra };
}

async function twoNodes(extra: Record<string, string> = {}): Promise<[TestServer, TestServer]> {
  const env = clusterEnv(extra);
  const a = await startTestServer(env);
  const b = await startTestServer(env);
  nodes.push(a, b);
  return [a, b];
}

describe.skipIf(!available)("a cluster of two nodes", () => {
  // The default adapter carries every test of this file; the two others carry at least a chat.
  it.each([["the default adapter", {}], ["CLUSTER_ADAPTER=batched", { CLUSTER_ADAPTER: "batched", CLUSTER_BATCH_MS: "2" }], ["CLUSTER_ADAPTER=streams", { CLUSTER_ADAPTER: "streams" }]] as const)("carries a chat between a visitor on one node and an operator on the other (%s)", async (_name, extra) => {
    const [a, b] = await twoNodes(extra);
    const op = await createOperator(b.url, b.adminToken, { name: "Wim" });
    const operator = await onlineOperator(b.url, op.token);
    sockets.push(operator);
    const { socket: visitor } = await connectVisitor(a.url, { name: "Xander" });
    sockets.push(visitor);
    const assigned = nextEvent<Conversation>(operator, "conversation:assigned", (c) => c.visitor.name === "Xander");
    const started = await emitAck(visitor, "conversation:start", { body: "Hallo vanaf node A", clientId: "x-1" });
    const conversation = await assigned;
    expect(conversation.id).toBe(started.conversation.id);
    const reply = nextEvent<Message>(visitor, "message", (m) => m.author.type === "operator");
    await emitAck(operator, "message:send", { conversationId: conversation.id, clientId: "w-1", body: "Goedemiddag, ik ben Wim." });
    expect((await reply).body).toBe("Goedemiddag, ik ben Wim.");
  });

  it("never assigns a chat twice when 16 visitors on both nodes start at once against 4 operators with 2 slots", async () => {
    const [a, b] = await twoNodes();
    const operators = await Promise.all(
      [a, b, a, b].map(async (node, i) => {
        const op = await createOperator(node.url, node.adminToken, { name: `Op ${i}`, maxChats: 2 });
        const socket = await onlineOperator(node.url, op.token);
        sockets.push(socket);
        const got: string[] = [];
        socket.on("conversation:assigned", (c) => got.push(c.id));
        return { id: op.id, got };
      }),
    );
    const visitors = await Promise.all(Array.from({ length: 16 }, (_, i) => connectVisitor((i % 2 ? a : b).url, { name: `V${i}` })));
    for (const v of visitors) sockets.push(v.socket);
    await Promise.all(visitors.map((v, i) => emitAck(v.socket, "conversation:start", { body: `vraag ${i}`, clientId: `q-${i}` })));
    await eventually(async () => {
      const all = await api<Array<Conversation & { status: string }>>(a.url, "/api/conversations", { token: a.adminToken });
      expect(all.body.filter((c) => c.status === "active")).toHaveLength(8);
    }, 20_000);
    const all = await api<Array<Conversation & { status: string }>>(b.url, "/api/conversations", { token: b.adminToken });
    const active = all.body.filter((c) => c.status === "active");
    expect(all.body.filter((c) => c.status === "queued")).toHaveLength(8);
    for (const op of operators) expect(active.filter((c) => c.operator?.id === op.id)).toHaveLength(2);
    // The stored assignment can be read a moment before its event, sent across the nodes, reaches the operator.
    await eventually(() => {
      const announced = operators.flatMap((o) => o.got);
      expect(new Set(announced).size).toBe(announced.length);
      expect([...announced].sort()).toEqual(active.map((c) => c.id).sort());
    });
  });

  it("shuts a node down under load, sockets still connected, without a stray rejection, and its peer notices the visitor left", async () => {
    const [a, b] = await twoNodes();
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on("unhandledRejection", onRejection);
    try {
      const op = await createOperator(b.url, b.adminToken, { name: "Yara", maxChats: 10 });
      const operator = await onlineOperator(b.url, op.token);
      sockets.push(operator);
      // Visitors on node A with chats: closing A starts disconnect bookkeeping that asks the
      // cluster who is still connected, marks them gone and re-announces the queue.
      const visitors = await Promise.all(Array.from({ length: 6 }, (_, i) => connectVisitor(a.url, { name: `Z${i}` })));
      await Promise.all(visitors.map((v, i) => emitAck(v.socket, "conversation:start", { body: `vraag ${i}`, clientId: `z-${i}` })));
      await a.close();
      for (const v of visitors) v.socket.close();
      await eventually(async () => {
        const all = await api<Array<Conversation & { visitorConnected?: boolean; visitor: { name: string | null } }>>(b.url, "/api/conversations", { token: b.adminToken });
        const ours = all.body.filter((c) => c.visitor.name?.startsWith("Z"));
        expect(ours).toHaveLength(6);
        for (const c of ours) expect(c.visitorConnected).toBe(false);
      }, 10_000);
      // Give anything a closed node left behind the time to fail loudly.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(rejections).toEqual([]);
    } finally {
      process.off("unhandledRejection", onRejection);
    }
  });

  it("notices the visitors and operators of a node that crashed: they count as gone, the visitor leaves after the grace period", async () => {
    const env = clusterEnv({ CLUSTER_RECONCILE_MS: "1000", VISITOR_GRACE_MS: "1000" });
    const crashing = await spawnServer({ databaseUrl: env.DATABASE_URL, env });
    processes.push(crashing);
    const b = await startTestServer(env);
    nodes.push(b);
    const piet = await createOperator(b.url, b.adminToken, { name: "Piet" });
    const pietSocket = await onlineOperator(b.url, piet.token);
    sockets.push(pietSocket);
    const olga = await createOperator(b.url, b.adminToken, { name: "Olga" });
    const olgaSocket = await onlineOperator(crashing.url, olga.token);
    sockets.push(olgaSocket);
    await emitAck(olgaSocket, "presence:set", { status: "away" });
    const { socket: visitor } = await connectVisitor(crashing.url, { name: "Quinten" });
    sockets.push(visitor);
    const assigned = nextEvent<Conversation>(pietSocket, "conversation:assigned", (c) => c.visitor.name === "Quinten");
    await emitAck(visitor, "conversation:start", { body: "Hallo?", clientId: "q-crash" });
    const chat = await assigned;
    expect(chat.visitorConnected).toBe(true);

    await crashing.stop("SIGKILL");
    visitor.io.opts.reconnection = false;
    olgaSocket.io.opts.reconnection = false;
    await eventually(async () => {
      const res = await api<Array<Conversation & { checklist: Record<string, boolean> }>>(b.url, "/api/conversations", { token: b.adminToken });
      const row = res.body.find((c) => c.id === chat.id)!;
      expect(row.visitorConnected).toBe(false);
      expect(row.checklist.visitor_left).toBe(true);
    }, 40_000);
    const listed = await emitAck(pietSocket, "operators:list", {});
    expect(listed.operators.find((o: { id: string }) => o.id === olga.id)).toMatchObject({ presence: "offline" });
  }, 60_000);
});
