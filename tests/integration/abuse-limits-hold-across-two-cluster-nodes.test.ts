// Two nodes on one PostgreSQL and one Redis: a visitor hopping between nodes with fresh identities
// still meets one offline budget per address, and one visitor one message budget, because the counters live in Redis.
import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import { afterAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";
import { connectVisitor, emitAck } from "../support/clients.js";
import { POSTGRES_URL, REDIS_URL, requireServices } from "../support/services.js";

const available = await requireServices(["postgres", "redis"], "the cluster abuse suite");
const nodes: TestServer[] = [];
afterAll(async () => {
  for (const n of nodes) await n.close();
});

describe.skipIf(!available)("abuse limits in a cluster of two nodes", () => {
  it("accepts 10 offline messages per address in total, alternating nodes and reconnecting anew each round", async () => {
    const url = new URL(POSTGRES_URL);
    url.searchParams.set("schema", `lc_abuse_${randomBytes(5).toString("hex")}`);
    const env = { DATABASE_URL: url.toString(), REDIS_URL, REDIS_KEY_PREFIX: `test-${randomBytes(5).toString("hex")}`, SESSION_SECRET: "cluster-test-secret", VISITOR_ADDRESS_LIMIT_SCALE: "1" };
    const a = await startTestServer(env);
    const b = await startTestServer(env);
    nodes.push(a, b);
    const results: boolean[] = [];
    for (const node of [a, b, a, b]) {
      const { socket } = await connectVisitor(node.url, {});
      for (let i = 0; i < 5; i++) results.push((await emitAck(socket, "offline:message", { name: "Bot", email: "bot@example.com", body: `hop ${i}` })).ok as boolean);
      socket.close();
    }
    expect(results.filter(Boolean)).toHaveLength(10);
    expect(results.slice(10).every((ok) => !ok)).toBe(true);
  });

  it("counts one visitor's messages against one budget on both nodes: of 4 on one node and 4 on the other, 6 pass", async () => {
    const url = new URL(POSTGRES_URL);
    url.searchParams.set("schema", `lc_abuse_${randomBytes(5).toString("hex")}`);
    const env = { DATABASE_URL: url.toString(), REDIS_URL, REDIS_KEY_PREFIX: `test-${randomBytes(5).toString("hex")}`, SESSION_SECRET: "cluster-test-secret", VISITOR_MESSAGE_LIMIT: "6" };
    const a = await startTestServer(env);
    const b = await startTestServer(env);
    nodes.push(a, b);
    const first = await connectVisitor(a.url, {});
    const start = await emitAck(first.socket, "conversation:start", {});
    const conversationId = start.conversation.id as string;
    const send = (socket: typeof first.socket, i: number) => emitAck(socket, "message:send", { conversationId, clientId: `hop-${i}`, body: `hop ${i}` });
    const results: Array<{ ok: boolean; error?: { code: string } }> = [];
    for (let i = 0; i < 4; i++) results.push(await send(first.socket, i));
    first.socket.close();
    const again = await connectVisitor(b.url, { visitorToken: first.session.visitorToken });
    expect(again.session.visitorId).toBe(first.session.visitorId);
    for (let i = 4; i < 8; i++) results.push(await send(again.socket, i));
    again.socket.close();
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true, true, false, false]);
    expect(results.slice(6).map((r) => r.error?.code)).toEqual(["RATE_LIMITED", "RATE_LIMITED"]);
  });

  it("never lets one visitor past the budget across nodes when each node leases a tenth of it: 32 on one node, 40 on the other, 10 back on the first give 60 of 60", async () => {
    const url = new URL(POSTGRES_URL);
    url.searchParams.set("schema", `lc_abuse_${randomBytes(5).toString("hex")}`);
    const env = { DATABASE_URL: url.toString(), REDIS_URL, REDIS_KEY_PREFIX: `test-${randomBytes(5).toString("hex")}`, SESSION_SECRET: "cluster-test-secret", VISITOR_MESSAGE_LIMIT: "60" };
    const a = await startTestServer(env);
    const b = await startTestServer(env);
    nodes.push(a, b);
    const first = await connectVisitor(a.url, {});
    const conversationId = (await emitAck(first.socket, "conversation:start", {})).conversation.id as string;
    let n = 0;
    const burst = async (nodeUrl: string, count: number) => {
      const { socket } = await connectVisitor(nodeUrl, { visitorToken: first.session.visitorToken });
      const acks: Array<{ ok: boolean; error?: { code: string } }> = [];
      for (let i = 0; i < count; i++, n++) acks.push(await emitAck(socket, "message:send", { conversationId, clientId: `lease-${n}`, body: `lease ${n}` }));
      socket.close();
      expect(acks.filter((r) => !r.ok).every((r) => r.error?.code === "RATE_LIMITED")).toBe(true);
      return acks.filter((r) => r.ok).length;
    };
    first.socket.close();
    // Node a leases 6 at a time: 36 counted, 4 still its own. Node b gets the 24 the window has left; a then spends its 4.
    expect([await burst(a.url, 32), await burst(b.url, 40), await burst(a.url, 10)]).toEqual([32, 24, 4]);
  });

  it("leases at most 32 units of a large budget, and a node that stops gives back what it did not spend", async () => {
    const url = new URL(POSTGRES_URL);
    url.searchParams.set("schema", `lc_abuse_${randomBytes(5).toString("hex")}`);
    const prefix = `test-${randomBytes(5).toString("hex")}`;
    const env = { DATABASE_URL: url.toString(), REDIS_URL, REDIS_KEY_PREFIX: prefix, SESSION_SECRET: "cluster-test-secret", VISITOR_CONNECT_LIMIT: "10000" };
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    try {
      const counted = async () => {
        const keys = await redis.keys(`${prefix}:rl:connect:address:*`);
        expect(keys).toHaveLength(1);
        return Number(await redis.get(keys[0]!));
      };
      const a = await startTestServer(env);
      const b = await startTestServer(env);
      nodes.push(a, b);
      for (let i = 0; i < 3; i++) (await connectVisitor(a.url, {})).socket.close();
      (await connectVisitor(b.url, {})).socket.close();
      // A tenth of 10,000 would be 1,000 per node, lost with a node that dies: each node holds 32.
      expect(await counted()).toBe(64);
      await a.close();
      // a spent 3 of its 32 and gave the other 29 back; b still holds its lease.
      expect(await counted()).toBe(35);
      await b.close();
      expect(await counted()).toBe(4);
    } finally {
      await redis.quit();
    }
  });
});
