// The batched cluster adapter on a real Redis, between two real Socket.IO servers on loopback: what a
// node publishes in one event-loop turn (over all its namespaces) goes out as one PUBLISH, in order; a
// node hears only once it listens; requests that need every node's answer (fetchSockets, serverSideEmit)
// get them; binary survives the trip; and a node with no socket in a room does no work for it.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import { Server } from "socket.io";
import { Adapter } from "socket.io-adapter";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { BatchedLink, createBatchedAdapter, type PubSub } from "../../apps/server/src/realtime/batched-adapter.js";
import { redisPubSub } from "../../apps/server/src/realtime/cluster.js";
import { REDIS_URL, requireServices } from "../support/services.js";

const available = await requireServices(["redis"], "the batched cluster adapter suite");
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

interface Node {
  io: Server;
  url: string;
  link: BatchedLink;
  publishes: Array<{ channel: string; messages: number }>;
}

async function startNode(prefix: string, lingerMs = 0, errors: string[] = []): Promise<Node> {
  const pub = createClient({ url: REDIS_URL });
  const sub = createClient({ url: REDIS_URL });
  await Promise.all([pub.connect(), sub.connect()]);
  const publishes: Node["publishes"] = [];
  const redis = redisPubSub(pub, sub);
  // The product's wiring, with each PUBLISH recorded (how many messages it carried) on its way to Redis.
  const pubsub: PubSub = {
    ...redis,
    publish: (channel, payload) => {
      // (After the publishing node's uid.)
      publishes.push({ channel, messages: (JSON.parse(payload.slice(payload.indexOf("["))) as unknown[]).length });
      return redis.publish(channel, payload);
    },
  };
  const link = new BatchedLink(pubsub, { channelPrefix: prefix, lingerMs, onError: (_err, what) => errors.push(what) });
  await link.ready;
  const http: HttpServer = createServer();
  const io = new Server(http, { transports: ["websocket"] });
  io.adapter(createBatchedAdapter(link));
  // Every client joins the room its query names.
  for (const nsp of ["/visitor", "/operator"]) io.of(nsp).on("connection", (s) => void s.join(String(s.handshake.query.room)));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  cleanups.push(async () => {
    await link.close();
    await new Promise((resolve) => io.close(() => resolve(undefined)));
    await Promise.all([pub.quit(), sub.quit()]);
  });
  return { io, url, link, publishes };
}

async function client(url: string, nsp: string, room: string): Promise<Socket> {
  const socket = connect(`${url}${nsp}`, { transports: ["websocket"], forceNew: true, query: { room } });
  cleanups.push(async () => socket.close());
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

const until = async (check: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe.skipIf(!available)("the batched cluster adapter", () => {
  it("sends one turn's broadcasts of both namespaces as one PUBLISH, and the other node delivers them in order", async () => {
    const prefix = `test-batched-${randomBytes(4).toString("hex")}`;
    const [a, b] = [await startNode(prefix), await startNode(prefix)];
    const operator = await client(b.url, "/operator", "operator:1");
    const visitorTab = await client(b.url, "/visitor", "visitor:1");
    const toOperator: number[] = [];
    const toVisitor: number[] = [];
    operator.on("message", (n: number) => toOperator.push(n));
    visitorTab.on("message", (n: number) => toVisitor.push(n));

    a.publishes.length = 0;
    for (let n = 0; n < 50; n++) {
      a.io.of("/operator").to("operator:1").emit("message", n);
      a.io.of("/visitor").to("visitor:1").emit("message", n);
    }
    await until(() => toOperator.length === 50 && toVisitor.length === 50, "100 messages on node B");
    expect(toOperator).toEqual([...Array(50).keys()]);
    expect(toVisitor).toEqual([...Array(50).keys()]);
    const broadcasts = a.publishes.filter((p) => p.channel === a.link.channel);
    expect(broadcasts, "one PUBLISH carried all 100 broadcasts").toEqual([{ channel: a.link.channel, messages: 100 }]);
  });

  it("keeps the order of a word and a disconnect, answers fetchSockets and serverSideEmit from every node, and carries binary", async () => {
    const prefix = `test-batched-${randomBytes(4).toString("hex")}`;
    const [a, b, c] = [await startNode(prefix), await startNode(prefix), await startNode(prefix)];
    expect(await a.io.of("/visitor").adapter.serverCount()).toBe(3);
    await client(b.url, "/visitor", "visitor:2");
    await client(c.url, "/visitor", "visitor:2");
    const onA = await client(a.url, "/visitor", "visitor:3");

    const found = await a.io.of("/visitor").in("visitor:2").fetchSockets();
    expect(found, "the two tabs on nodes B and C").toHaveLength(2);

    c.io.of("/operator").on("ping-all", (n: number, reply: (answer: string) => void) => reply(`c:${n}`));
    b.io.of("/operator").on("ping-all", (n: number, reply: (answer: string) => void) => reply(`b:${n}`));
    const answers = (await a.io.of("/operator").serverSideEmitWithAck("ping-all", 7)) as string[];
    expect(answers.sort()).toEqual(["b:7", "c:7"]);

    const tab = await client(b.url, "/visitor", "visitor:4");
    const seen: string[] = [];
    tab.on("erased", (bytes: ArrayBuffer) => seen.push(`erased:${Buffer.from(bytes).toString("hex")}`));
    tab.on("disconnect", (reason) => seen.push(reason));
    a.io.of("/visitor").to("visitor:4").emit("erased", Buffer.from([0xca, 0xfe]));
    a.io.of("/visitor").in("visitor:4").disconnectSockets(true);
    await until(() => seen.length === 2, "the word and the disconnect");
    expect(seen).toEqual(["erased:cafe", "io server disconnect"]);
    expect(onA.connected, "a tab in another room stays").toBe(true);
  });

  it("skips a broadcast for rooms it has no socket in, before encoding or delivering it", async () => {
    const prefix = `test-batched-${randomBytes(4).toString("hex")}`;
    const [a, b] = [await startNode(prefix), await startNode(prefix)];
    const tab = await client(b.url, "/visitor", "visitor:5");
    const got: string[] = [];
    tab.on("message", (m: string) => got.push(m));
    // Counts what node B's adapter broadcasts to its own sockets (the in-memory step that encodes a packet).
    const adapterB = b.io.of("/visitor").adapter;
    const base = Adapter.prototype.broadcast;
    let localBroadcasts = 0;
    Adapter.prototype.broadcast = function (this: Adapter, ...args: Parameters<Adapter["broadcast"]>) {
      if (this === adapterB) localBroadcasts++;
      return base.apply(this, args);
    };
    cleanups.push(async () => void (Adapter.prototype.broadcast = base));
    a.io.of("/visitor").to("visitor:elsewhere").emit("message", "not for B");
    a.io.of("/visitor").to("visitor:5").emit("message", "for B");
    await until(() => got.length === 1, "the message for node B");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(got).toEqual(["for B"]);
    expect(localBroadcasts, "node B broadcast only the message for its room").toBe(1);
  });

  it("drops its own PUBLISH unread when Redis hands it back, and reports one from another node it cannot read", async () => {
    const prefix = `test-batched-${randomBytes(4).toString("hex")}`;
    const errors: string[] = [];
    const a = await startNode(prefix, 0, errors);
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    cleanups.push(async () => void (await redis.quit()));
    // Neither payload is JSON: only one that is read at all can fail.
    await redis.publish(a.link.channel, `${a.link.uid}[not json`);
    await redis.publish(a.link.channel, `${"0".repeat(a.link.uid.length)}[not json`);
    await until(() => errors.length > 0, "the unreadable payload reported");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors, "only the other node's payload was parsed").toEqual(["parse"]);
  });

  it("with a linger time sends the first broadcast after a quiet spell at once and gathers the ones that follow", async () => {
    const prefix = `test-batched-${randomBytes(4).toString("hex")}`;
    const [a, b] = [await startNode(prefix, 200), await startNode(prefix)];
    const operator = await client(b.url, "/operator", "operator:9");
    const got: Array<{ n: number; at: number }> = [];
    operator.on("message", (n: number) => got.push({ n, at: performance.now() }));
    await new Promise((resolve) => setTimeout(resolve, 250));
    a.publishes.length = 0;
    const sent = performance.now();
    a.io.of("/operator").to("operator:9").emit("message", 0);
    for (let n = 1; n <= 3; n++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      a.io.of("/operator").to("operator:9").emit("message", n);
    }
    await until(() => got.length === 4, "four messages");
    expect(got.map((g) => g.n)).toEqual([0, 1, 2, 3]);
    expect(got[0]!.at - sent, "the first went at once").toBeLessThan(150);
    expect(got[1]!.at - sent, "the next waited for the linger time").toBeGreaterThanOrEqual(150);
    expect(a.publishes.filter((p) => p.channel === a.link.channel).map((p) => p.messages)).toEqual([1, 3]);
  });
});
