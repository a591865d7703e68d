// With REDIS_URL the server is one node of a cluster: Socket.IO events cross nodes via Redis Streams.
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createClient } from "redis";
import type { Server } from "socket.io";
import type { Logger } from "../log.js";

type RedisClient = ReturnType<typeof createClient>;

/**
 * The adapter sends its pub/sub messages (fetchSockets, serverSideEmit, broadcasts with acks)
 * without handling a failed PUBLISH, so a Redis hiccup or a late call during shutdown would
 * surface as an unhandled rejection and bring the process down. The adapter gets the client
 * through this view, where such a failure is logged and answered with "nobody received it".
 */
function withSafePublish(client: RedisClient, log: Logger): RedisClient {
  const guarded = new Set<PropertyKey>(["publish", "sPublish", "PUBLISH", "SPUBLISH"]);
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (!guarded.has(prop)) return bound;
      return async (...args: unknown[]) => {
        try {
          return await bound(...args);
        } catch (err) {
          log.warn({ err }, "cluster message not published");
          return 0;
        }
      };
    },
  });
}

export async function attachRedisAdapter(io: Server, redisUrl: string, keyPrefix: string, log: Logger): Promise<() => Promise<void>> {
  const client = createClient({ url: redisUrl });
  client.on("error", (err: unknown) => log.error({ err }, "redis error"));
  await client.connect();
  // One stream per deployment, so several deployments (or test runs) can share a Redis.
  io.adapter(createAdapter(withSafePublish(client, log), { streamName: `${keyPrefix}:socket.io` }));
  log.info("cluster mode: Socket.IO Redis Streams adapter attached");
  return async () => {
    await client.quit().catch(() => undefined);
  };
}
