// Flood protection for the public /visitor namespace: generous for people, firm for scripts.
// Every budget counts per visitor AND per client address, so a reconnect (a new visitor id) starts
// nothing afresh; with REDIS_URL the counters live in Redis and hold across the cluster's nodes.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { createClient } from "redis";
import { RateLimitedError } from "../auth/service.js";
import type { Logger } from "../log.js";
import type { IncomingMessage } from "node:http";

type Budget = { points: number; duration: number };

/** Per action: the budget per visitor and per client address (an office behind one NAT shares the latter). */
const BUDGETS = {
  /** Messages per 10 s: far above anyone typing, below a flood. */
  message: { visitor: { points: 60, duration: 10 }, address: { points: 240, duration: 10 } },
  /** New chats per minute. */
  start: { visitor: { points: 10, duration: 60 }, address: { points: 30, duration: 60 } },
  /** Offline messages per hour: each one is a promise the team must keep. */
  offline: { visitor: { points: 10, duration: 3600 }, address: { points: 10, duration: 3600 } },
  /** Catch-up reads per 10 s: a reconnecting widget needs a few, each one is a query. */
  sync: { visitor: { points: 60, duration: 10 }, address: { points: 240, duration: 10 } },
  /** Typing signals per 10 s: the widget sends at most a couple per second. */
  typing: { visitor: { points: 50, duration: 10 }, address: { points: 200, duration: 10 } },
  /** Page reports per 10 s: the widget debounces History API changes, so a person sends a few at most. */
  page: { visitor: { points: 20, duration: 10 }, address: { points: 400, duration: 10 } },
} as const satisfies Record<string, { visitor: Budget; address: Budget }>;

/** New visitor connections per address per minute: refused at the handshake. */
const CONNECT: Budget = { points: 60, duration: 60 };

export type VisitorAction = keyof typeof BUDGETS;
type RedisClient = ReturnType<typeof createClient>;
type Scope = "visitor" | "address";

export type LimitOptions = {
  /** VISITOR_MESSAGE_LIMIT: overrides the per-visitor message budget, e.g. for an integration that replays history. */
  messagesPer10s?: number;
  /** VISITOR_CONNECT_LIMIT: overrides the new-connections budget per address. */
  connectsPerMinute?: number;
  /** VISITOR_ADDRESS_LIMIT_SCALE: multiplies every per-address budget, for sites whose visitors share one address (an intranet behind one NAT). */
  addressScale?: number;
  /** When clustered: counters shared by every node. */
  redis?: { client: RedisClient; keyPrefix: string };
};

/** Express's compiled `trust proxy` rule: whether the hop at `address` (i hops from us) is a proxy we believe. */
export type TrustFn = (address: string, i: number) => boolean;

/**
 * The client's address under the TRUST_PROXY rule, as Express computes req.ip: walk X-Forwarded-For
 * from the nearest hop while each hop is trusted. Socket.IO's own handshake.address ignores proxies.
 */
export function clientAddress(req: IncomingMessage, trust: TrustFn): string {
  const forwarded = String(req.headers["x-forwarded-for"] ?? "").split(",").map((a) => a.trim()).filter(Boolean).reverse();
  const hops = [req.socket.remoteAddress ?? "unknown", ...forwarded];
  let i = 0;
  while (i < hops.length - 1 && trust(hops[i]!, i)) i++;
  return hops[i]!;
}

export class VisitorRateLimits {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(private readonly options: LimitOptions = {}, readonly trust: TrustFn = () => false) {
    for (const [action, budgets] of Object.entries(BUDGETS)) {
      const perVisitor = action === "message" && options.messagesPer10s ? { ...budgets.visitor, points: options.messagesPer10s } : budgets.visitor;
      this.limiters.set(`${action}:visitor`, this.limiter(`${action}:visitor`, perVisitor));
      const scale = options.addressScale ?? 1;
      this.limiters.set(`${action}:address`, this.limiter(`${action}:address`, { ...budgets.address, points: Math.max(1, Math.round(budgets.address.points * scale)) }));
    }
    this.limiters.set("connect:address", this.limiter("connect:address", options.connectsPerMinute ? { ...CONNECT, points: options.connectsPerMinute } : CONNECT));
  }

  private limiter(name: string, budget: Budget): RateLimiterAbstract {
    const { redis } = this.options;
    if (!redis) return new RateLimiterMemory(budget);
    return new RateLimiterRedis({ ...budget, storeClient: redis.client, useRedisPackage: true, keyPrefix: `${redis.keyPrefix}:rl:${name}` });
  }

  /** Takes one unit of the action's budget for the visitor and for their address, or refuses with RATE_LIMITED and when to retry. */
  async take(action: VisitorAction, visitorId: string, address: string): Promise<void> {
    await this.consume(`${action}:visitor`, visitorId);
    await this.consume(`${action}:address`, address);
  }

  /** One new connection from `address`; refused (RATE_LIMITED) when the address opens too many. */
  async connect(address: string): Promise<void> {
    await this.consume("connect:address", address);
  }

  private async consume(limiter: `${string}:${Scope}`, key: string): Promise<void> {
    try {
      await this.limiters.get(limiter)!.consume(key);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
      throw err;
    }
  }
}

/** The visitor limits for this node: in memory alone, on their own Redis connection when clustered; `close` ends that connection. */
export async function createVisitorLimits(config: { redisUrl?: string; redisKeyPrefix: string; visitorMessageLimit?: number; visitorConnectLimit?: number; visitorAddressLimitScale?: number }, trust: TrustFn, log: Logger): Promise<{ limits: VisitorRateLimits; close: () => Promise<void> }> {
  const overrides = { ...(config.visitorMessageLimit ? { messagesPer10s: config.visitorMessageLimit } : {}), ...(config.visitorConnectLimit ? { connectsPerMinute: config.visitorConnectLimit } : {}), ...(config.visitorAddressLimitScale ? { addressScale: config.visitorAddressLimitScale } : {}) };
  if (!config.redisUrl) return { limits: new VisitorRateLimits(overrides, trust), close: async () => undefined };
  const client = createClient({ url: config.redisUrl });
  client.on("error", (err: unknown) => log.error({ err }, "redis error (rate limits)"));
  await client.connect();
  const limits = new VisitorRateLimits({ ...overrides, redis: { client, keyPrefix: config.redisKeyPrefix } }, trust);
  return { limits, close: async () => { await client.quit().catch(() => undefined); } };
}
