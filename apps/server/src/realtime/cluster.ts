// With REDIS_URL the server is one node of a cluster: Socket.IO events cross nodes over Redis, by
// sharded pub/sub (the default: a node hears only the rooms it has sockets in) or a Redis stream.
import { createShardedAdapter } from "@socket.io/redis-adapter";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createClient } from "redis";
import type { Server } from "socket.io";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import type { Context } from "../context.js";
import type { Broadcast } from "./broadcast.js";
import type { ConversationService } from "../conversation/service.js";
import { OPEN_STATUSES } from "../conversation/service.js";
import { BatchedLink, createBatchedAdapter, type PubSub } from "./batched-adapter.js";

type RedisClient = ReturnType<typeof createClient>;

/**
 * The adapter sends its pub/sub messages (fetchSockets, serverSideEmit, broadcasts with acks)
 * without handling a failed PUBLISH, so a Redis hiccup or a late call during shutdown would
 * surface as an unhandled rejection and bring the process down. The adapter gets the client
 * through this view, where such a failure is logged and answered with "nobody received it".
 */
function withSafePublish(client: RedisClient, log: Logger): RedisClient {
  const guarded = new Set<PropertyKey>(["publish", "sPublish", "PUBLISH", "SPUBLISH"]);
  // The adapter looks up xAdd and the rest on every broadcast: each method is bound once, not per message.
  const methods = new Map<PropertyKey, { of: unknown; bound: (...args: unknown[]) => unknown }>();
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      const known = methods.get(prop);
      if (known?.of === value) return known.bound;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      const method = !guarded.has(prop)
        ? bound
        : async (...args: unknown[]) => {
            try {
              return await bound(...args);
            } catch (err) {
              log.warn({ err }, "cluster message not published");
              return 0;
            }
          };
      methods.set(prop, { of: value, bound: method });
      return method;
    },
  });
}

/**
 * The sharded adapter subscribes (SSUBSCRIBE) without waiting for Redis to confirm. It gets the
 * subscriber through this view, which keeps each subscription in `pending` until Redis confirms it,
 * so the node can wait for its namespaces' channels before it serves, and logs one Redis refused
 * instead of leaving it unhandled. The adapter uses nothing else of its subscriber.
 */
function withTrackedSubscriptions(client: RedisClient, pending: Set<Promise<unknown>>, log: Logger) {
  return {
    sSubscribe: (...args: Parameters<RedisClient["sSubscribe"]>) => {
      const subscribed = client.sSubscribe(...args);
      pending.add(subscribed);
      subscribed.catch((err: unknown) => log.warn({ err }, "cluster subscription not confirmed")).finally(() => pending.delete(subscribed));
      return subscribed;
    },
    sUnsubscribe: (...args: Parameters<RedisClient["sUnsubscribe"]>) => client.sUnsubscribe(...args),
  };
}

/** What attaching the cluster adapter gives: wait for its subscriptions, and detach it. */
export interface ClusterLink {
  /** Resolves once Redis has confirmed every subscription asked for so far (call it after the namespaces exist). */
  subscribed(): Promise<void>;
  detach(): Promise<void>;
}

/**
 * Attaches the cluster adapter. `onGap` is called when the node may have
 * missed broadcasts (its pub/sub connection to Redis was lost and is back): it should make this
 * node's clients catch up from the database.
 *
 * - `sharded` (default): Redis 7 sharded pub/sub, one channel per namespace plus one per room
 *   (`dynamic`): a node subscribes to a room's channel while it has a socket in it, so a message
 *   reaches only the nodes of its visitor and its operator, pushed to them (no polling). A node
 *   subscribes when a socket joins a room, before the client can ask for anything, and every client
 *   reads what it missed from the database when it (re)connects, so nothing falls in between. Pub/sub
 *   keeps nothing for a node that is cut off: after its subscriber reconnects the node calls `onGap`.
 * - `batched`: one classic pub/sub channel every node hears; what a node publishes within `batchMs`
 *   (or one event-loop turn) goes out as one PUBLISH (see batched-adapter.ts). Fewer Redis commands,
 *   local delivery without waiting for Redis, subscriptions in place before the node serves; every
 *   node reads every broadcast (it drops those for rooms it has no socket in), so it suits a handful of nodes.
 * - `streams`: one Redis stream every node reads in full (XREAD), resuming from its last offset after
 *   a cut; each node decodes every entry, and each read is a round trip.
 */
export async function attachRedisAdapter(io: Server, redisUrl: string, keyPrefix: string, log: Logger, kind: Config["clusterAdapter"] = "sharded", onGap: () => void = () => undefined, batchMs = 0): Promise<ClusterLink> {
  if (kind === "streams") {
    const client = createClient({ url: redisUrl });
    client.on("error", (err: unknown) => log.error({ err }, "redis error"));
    await client.connect();
    // One stream per deployment, so several deployments (or test runs) can share a Redis.
    io.adapter(createAdapter(withSafePublish(client, log), { streamName: `${keyPrefix}:socket.io` }));
    log.info("cluster mode: Socket.IO Redis Streams adapter attached");
    return {
      // Each namespace reads the stream from where it stands; there is no subscription to wait for.
      subscribed: async () => undefined,
      detach: async () => {
        await client.quit().catch(() => undefined);
      },
    };
  }
  // Named, so an operator (or a test) can find the adapter's connections in CLIENT LIST.
  const pub = createClient({ url: redisUrl, name: `${keyPrefix}:adapter-pub` });
  const sub = createClient({ url: redisUrl, name: `${keyPrefix}:adapter-sub` });
  pub.on("error", (err: unknown) => log.error({ err }, "redis error (cluster publish)"));
  sub.on("error", (err: unknown) => log.error({ err }, "redis error (cluster subscribe)"));
  let readyBefore = false;
  let detaching = false;
  sub.on("ready", () => {
    if (readyBefore && !detaching) {
      log.warn("cluster subscriber reconnected: broadcasts of the gap may be missed, clients catch up");
      onGap();
    }
    readyBefore = true;
  });
  await Promise.all([pub.connect(), sub.connect()]);
  let link: BatchedLink | undefined;
  const pending = new Set<Promise<unknown>>();
  if (kind === "batched") {
    link = new BatchedLink(redisPubSub(pub, sub), { channelPrefix: `${keyPrefix}:socket.io`, lingerMs: batchMs, onError: (err, what) => log.warn({ err }, what === "publish" ? "cluster message not published" : "cluster message unreadable") });
    // Listening before serving: a broadcast in the node's first moments reaches its sockets too.
    await link.ready;
    io.adapter(createBatchedAdapter(link));
  } else {
    // One channel set per deployment, so several deployments (or test runs) can share a Redis.
    io.adapter(createShardedAdapter(withSafePublish(pub, log), withTrackedSubscriptions(sub, pending, log), { channelPrefix: `${keyPrefix}:socket.io`, subscriptionMode: "dynamic" }));
  }
  log.info(`cluster mode: Socket.IO ${kind} Redis pub/sub adapter attached`);
  return {
    // (The batched link awaited its channels above; the sharded adapter's are in `pending`.)
    subscribed: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    detach: async () => {
      detaching = true;
      await link?.close();
      await Promise.all([pub.quit().catch(() => undefined), sub.quit().catch(() => undefined)]);
    },
  };
}

/** The batched adapter's view of two Redis connections: one publishes (and counts listeners), one subscribes. */
export function redisPubSub(pub: RedisClient, sub: RedisClient): PubSub {
  return {
    publish: (channel, payload) => pub.publish(channel, payload),
    subscribe: (channel, listener) => sub.subscribe(channel, listener, true),
    unsubscribe: (channel) => sub.unsubscribe(channel),
    listeners: async (channel) => Number(((await pub.sendCommand(["PUBSUB", "NUMSUB", channel])) as [string, number])[1]),
  };
}

/**
 * A node that dies without shutting down takes its sockets' disconnect handlers with it, so the
 * database would count its visitors and operators as connected for ever. Every node now and then
 * asks the whole cluster who is connected and marks the others as disconnected since now; the
 * grace-period sweeps then do the rest, and check the cluster once more before acting.
 */
export async function reconcileConnections(ctx: Context, broadcast: Broadcast, conversations: Pick<ConversationService, "setVisitorConnected">): Promise<{ visitors: number; operators: number }> {
  const [visitorSockets, operatorSockets] = await Promise.all([ctx.visitors.fetchSockets(), ctx.operators.fetchSockets()]);
  const connectedVisitors = new Set(visitorSockets.map((s) => s.data.visitorId));
  const connectedOperators = new Set(operatorSockets.map((s) => s.data.userId));

  const claimed = await ctx.db.conversation.findMany({
    where: { status: { in: OPEN_STATUSES }, visitorConnected: true, visitorLeft: false },
    select: { visitorId: true },
    distinct: ["visitorId"],
  });
  const lostVisitors = claimed.map((c) => c.visitorId).filter((id) => !connectedVisitors.has(id));
  for (const visitorId of lostVisitors) {
    broadcast.conversations(await conversations.setVisitorConnected(visitorId, false));
    // Connected on another node in the meantime: their connect handler may have seen the old flag.
    if (await broadcast.visitorConnected(visitorId)) broadcast.conversations(await conversations.setVisitorConnected(visitorId, true));
  }

  const online = await ctx.db.user.findMany({ where: { disconnectedAt: null }, select: { id: true } });
  const lostOperators = online.map((u) => u.id).filter((id) => !connectedOperators.has(id));
  if (lostOperators.length > 0) await ctx.db.user.updateMany({ where: { id: { in: lostOperators }, disconnectedAt: null }, data: { disconnectedAt: new Date() } });
  for (const userId of lostOperators) {
    if (await broadcast.operatorConnected(userId)) await ctx.db.user.update({ where: { id: userId }, data: { disconnectedAt: null } });
  }

  if (lostVisitors.length + lostOperators.length > 0) ctx.log.warn({ visitors: lostVisitors.length, operators: lostOperators.length }, "connections lost with a cluster node marked as disconnected");
  return { visitors: lostVisitors.length, operators: lostOperators.length };
}
