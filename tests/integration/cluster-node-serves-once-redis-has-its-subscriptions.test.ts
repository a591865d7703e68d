// A cluster node serves only once Redis has its subscriptions: with every command on the way to Redis held
// back 400 ms (a slow link), the sharded adapter's SSUBSCRIBEs of the namespaces are in place by the time
// the node has started, so a broadcast from another node in its first moments is heard.
import { randomBytes } from "node:crypto";
import net from "node:net";
import { createClient } from "redis";
import { afterAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";
import { POSTGRES_URL, REDIS_URL, requireServices } from "../support/services.js";

const available = await requireServices(["postgres", "redis"], "the cluster start-up suite");
// Well past the rest of a start-up here (about a second), so a node that did not wait is caught before its subscriptions land.
const HOLD_MS = 3000;
const closers: Array<() => Promise<unknown> | void> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

/**
 * A TCP relay to Redis that holds back by `holdMs` every (S)SUBSCRIBE to a cluster adapter's channel, and
 * what that client sends after it, in order; everything else (connecting, publishing, other subscriptions,
 * the replies) passes at once.
 */
async function slowSubscriptionsToRedis(holdMs: number): Promise<string> {
  const target = new URL(REDIS_URL);
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    sockets.add(client).add(upstream);
    let heldUntil = 0;
    let last = Promise.resolve();
    client.on("data", (chunk) => {
      const text = chunk.toString("latin1");
      if (/\r\nS?SUBSCRIBE\r\n/i.test(text) && text.includes("socket.io#")) heldUntil = Date.now() + holdMs;
      const wait = Math.max(0, heldUntil - Date.now());
      last = last.then(() => new Promise<void>((resolve) => setTimeout(resolve, wait))).then(() => void (upstream.writable && upstream.write(chunk)));
    });
    upstream.pipe(client);
    for (const s of [client, upstream]) s.on("error", () => undefined).on("close", () => (client.destroy(), upstream.destroy()));
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    relay.close(() => resolve());
  }));
  const { port } = relay.address() as net.AddressInfo;
  return `redis://127.0.0.1:${port}`;
}

describe.skipIf(!available)("a cluster node starting on a slow link to Redis", () => {
  it.each<[string, Record<string, string>]>([["the default (sharded) adapter", { CLUSTER_ADAPTER: "sharded" }], ["CLUSTER_ADAPTER=batched", { CLUSTER_ADAPTER: "batched" }]])("has its namespaces' subscriptions in Redis when it has started (%s)", { timeout: 30_000 }, async (_name, extra) => {
    const url = new URL(POSTGRES_URL);
    url.searchParams.set("schema", `lc_start_${randomBytes(5).toString("hex")}`);
    const prefix = `test-${randomBytes(5).toString("hex")}`;
    const node: TestServer = await startTestServer({ DATABASE_URL: url.toString(), REDIS_URL: await slowSubscriptionsToRedis(HOLD_MS), REDIS_KEY_PREFIX: prefix, SESSION_SECRET: "cluster-test-secret", ...extra });
    closers.push(() => node.close());
    // Asked directly (not over the slow link), at once.
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    closers.push(() => redis.quit());
    const count = async (command: string, channel: string) => Number(((await redis.sendCommand(["PUBSUB", command, channel])) as [string, number])[1]);
    if (extra.CLUSTER_ADAPTER === "batched") {
      expect(await count("NUMSUB", `${prefix}:socket.io#all#`)).toBe(1);
    } else {
      for (const nsp of ["/visitor", "/operator"]) expect(await count("SHARDNUMSUB", `${prefix}:socket.io#${nsp}#`), nsp).toBe(1);
    }
  });
});
