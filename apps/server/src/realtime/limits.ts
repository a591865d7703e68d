// Flood protection for the sockets, above all the public /visitor namespace: generous for people, firm for scripts.
// Every budget counts per visitor AND per client address, so a reconnect (a new visitor id) starts
// nothing afresh; with REDIS_URL the counters live in Redis and hold across the cluster's nodes.
import { createHash } from "node:crypto";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { createClient } from "redis";
import { RateLimitedError } from "../auth/service.js";
import type { Logger } from "../log.js";
import type { IncomingMessage } from "node:http";

/**
 * The largest socket frame a client may send (socket.io's maxHttpBufferSize). A bigger one is not an event
 * but a transport error: socket.io closes that one connection, the client reconnects and reads what it missed.
 * Every payload a real client sends is far below it (a message body is at most 4,000 characters).
 */
export const SOCKET_FRAME_LIMIT_BYTES = 1_000_000;

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
  /** Page reports per minute (live visitors): a visitor clicking through a shop opens a few pages a minute. */
  page: { visitor: { points: 30, duration: 60 }, address: { points: 120, duration: 60 } },
  /** Leaving a chat, rating it, answering a summary: a handful per chat, each one a write. */
  answer: { visitor: { points: 20, duration: 60 }, address: { points: 80, duration: 60 } },
} as const satisfies Record<string, { visitor: Budget; address: Budget }>;

/** Per signed-in operator: repeatable events that cost a query or a broadcast each (a stuck client loops). */
const OPERATOR_BUDGETS = {
  /** Presence changes per minute: a person switches a few times an hour. */
  presence: { points: 30, duration: 60 },
  /** Catch-up reads per 10 s: opening chats quickly, or reconnecting with many open. */
  sync: { points: 300, duration: 10 },
  /** Typing signals per 10 s. */
  typing: { points: 50, duration: 10 },
} as const satisfies Record<string, Budget>;

/** New visitor connections per address per minute: refused at the handshake. */
const CONNECT: Budget = { points: 60, duration: 60 };

export type VisitorAction = keyof typeof BUDGETS;
export type OperatorAction = keyof typeof OPERATOR_BUDGETS;
type RedisClient = ReturnType<typeof createClient>;
type Scope = "visitor" | "address" | "operator";

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

/**
 * Fixed windows in Redis, the visitor's and the address's counter in ONE round trip, and most of the
 * time none: a node takes a lease of several units of a window at once (a tenth of the budget) and
 * spends it locally until it is used up or the window ends. Each key is created at 0 with the window as
 * its expiry; the first counter whose window is spent refuses (the later ones are then not counted, as
 * before) with the ms its window has left; otherwise each is counted up by its lease, at most what the
 * window has left. The counter thus never admits more than the budget across all nodes; a lease a node
 * does not use up is lost for that window (a visitor who moves to another node mid-window may be refused
 * up to lease − 1 units early; budgets under 20 lease one unit, exact). Keys and meaning stay
 * rate-limiter-flexible's (`<prefix>:rl:<action>:<scope>:<id>`, the units counted in the window).
 * ARGV: per key its points, its window in seconds and its lease. Answers {refused index (0: none),
 * ms left of the refused window, then per key the units granted and the ms its window has left}.
 */
const TAKE_SCRIPT = `
local out = {0, 0}
for i = 1, #KEYS do
  local points = tonumber(ARGV[i * 3 - 2])
  local seconds = ARGV[i * 3 - 1]
  local lease = tonumber(ARGV[i * 3])
  redis.call('set', KEYS[i], 0, 'EX', seconds, 'NX')
  local used = tonumber(redis.call('get', KEYS[i]))
  local ttl = redis.call('pttl', KEYS[i])
  if ttl < 0 then
    redis.call('expire', KEYS[i], seconds)
    ttl = 1000 * seconds
  end
  if used >= points then
    redis.call('incr', KEYS[i])
    out[1] = i
    out[2] = ttl
    return out
  end
  local grant = math.min(lease, points - used)
  redis.call('incrby', KEYS[i], grant)
  out[#out + 1] = grant
  out[#out + 1] = ttl
end
return out
`;
/** Lowers each live key by the units given back (at most its count); answers the units given back in all. */
const GIVE_BACK_SCRIPT = `
local given = 0
for i = 1, #KEYS do
  if redis.call('pttl', KEYS[i]) > 0 then
    local used = tonumber(redis.call('get', KEYS[i]) or '0')
    local back = math.min(tonumber(ARGV[i]), used)
    if back > 0 then
      redis.call('decrby', KEYS[i], back)
      given = given + back
    end
  end
end
return given
`;
/** A lease whose window ends sooner than this is not given back. */
const GIVE_BACK_MIN_MS = 250;
const TAKE_SHA = createHash("sha1").update(TAKE_SCRIPT).digest("hex");
/** The most units one lease takes: at most this many are lost with a node that stops without giving them back. */
const LEASE_MAX = 32;
/** Leases held are pruned of ended windows once there are this many. */
const LEASES_PRUNE_AT = 10_000;

type Counter = { budget: Budget; lease: number; memory?: RateLimiterMemory };
/** Units of one key's window this node may still spend without asking Redis, until `until` (epoch ms). */
type Lease = { left: number; until: number };

export class SocketRateLimits {
  private readonly counters = new Map<string, Counter>();
  private readonly leases = new Map<string, Lease>();
  /** Lease requests in flight, by key: a call that finds one waits for it instead of leasing again (a burst would take a lease each and waste them). */
  private readonly leasing = new Map<string, Promise<unknown>>();

  constructor(private readonly options: LimitOptions = {}, readonly trust: TrustFn = () => false) {
    for (const [action, budgets] of Object.entries(BUDGETS)) {
      const perVisitor = action === "message" && options.messagesPer10s ? { ...budgets.visitor, points: options.messagesPer10s } : budgets.visitor;
      this.counters.set(`${action}:visitor`, this.counter(perVisitor));
      const scale = options.addressScale ?? 1;
      this.counters.set(`${action}:address`, this.counter({ ...budgets.address, points: Math.max(1, Math.round(budgets.address.points * scale)) }));
    }
    for (const [action, budget] of Object.entries(OPERATOR_BUDGETS)) this.counters.set(`${action}:operator`, this.counter(budget));
    this.counters.set("connect:address", this.counter(options.connectsPerMinute ? { ...CONNECT, points: options.connectsPerMinute } : CONNECT));
  }

  private counter(budget: Budget): Counter {
    // A tenth of the budget, but never more than LEASE_MAX: a node that dies (kill -9, a crash, a
    // rolling restart) loses what it leased, and with a large budget (an intranet's scaled address
    // budgets) a tenth of it lost per restart would refuse real visitors after a few restarts.
    const lease = Math.max(1, Math.min(LEASE_MAX, Math.floor(budget.points / 10)));
    return this.options.redis ? { budget, lease } : { budget, lease, memory: new RateLimiterMemory(budget) };
  }

  /** Takes one unit of the action's budget for the visitor and for their address, or refuses with RATE_LIMITED and when to retry. */
  async take(action: VisitorAction, visitorId: string, address: string): Promise<void> {
    await this.consume([[`${action}:visitor`, visitorId], [`${action}:address`, address]]);
  }

  /** Takes one unit of an operator action's budget for that signed-in user, or refuses with RATE_LIMITED. */
  async takeOperator(action: OperatorAction, userId: string): Promise<void> {
    await this.consume([[`${action}:operator`, userId]]);
  }

  /** One new connection from `address`; refused (RATE_LIMITED) when the address opens too many. */
  async connect(address: string): Promise<void> {
    await this.consume([["connect:address", address]]);
  }

  /** One unit of each counter in turn; the first one past its budget refuses, and the later ones are not counted. */
  private async consume(units: Array<[`${string}:${Scope}`, string]>): Promise<void> {
    const { redis } = this.options;
    if (redis) return this.consumeShared(redis, units);
    for (const [name, key] of units) {
      try {
        await this.counters.get(name)!.memory!.consume(key);
      } catch (err) {
        if (err instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
        throw err;
      }
    }
  }

  private async consumeShared(redis: NonNullable<LimitOptions["redis"]>, units: Array<[`${string}:${Scope}`, string]>): Promise<void> {
    const keys = units.map(([name, key]) => `${redis.keyPrefix}:rl:${name}:${key}`);
    for (;;) {
      const inFlight = keys.map((key) => this.leasing.get(key)).find((p) => p !== undefined);
      if (!inFlight) break;
      await inFlight.catch(() => undefined);
    }
    const began = Date.now();
    // A unit of a lease held here is taken at once (before any await, so no concurrent call can take it too).
    const local = keys.map((key) => {
      const lease = this.leases.get(key);
      if (!lease || lease.left <= 0 || lease.until <= began) return undefined;
      lease.left--;
      return lease;
    });
    const asked = keys.map((key, i) => ({ key, i })).filter(({ i }) => !local[i]);
    // Every counter had units leased here: no round trip.
    if (asked.length === 0) return;
    const args = asked.flatMap(({ i }) => {
      const { budget, lease } = this.counters.get(units[i]![0])!;
      return [String(budget.points), String(budget.duration), String(lease)];
    });
    let answer: number[];
    const request = this.evalTake(redis.client, asked.map((a) => a.key), args);
    for (const { key } of asked) this.leasing.set(key, request);
    try {
      answer = ((await request) as Array<number | string>).map(Number);
    } catch (err) {
      for (const lease of local) if (lease) lease.left++;
      throw err;
    } finally {
      for (const { key } of asked) if (this.leasing.get(key) === request) this.leasing.delete(key);
    }
    const [refusedAsked = 0, refusedTtl = 0] = answer;
    const now = Date.now();
    // Counted: every unit before the refused counter (all of them when none refused); those after it are given back.
    const refusedAt = refusedAsked > 0 ? asked[refusedAsked - 1]!.i : keys.length;
    local.forEach((lease, i) => {
      if (lease && i > refusedAt) lease.left++;
    });
    asked.forEach(({ key, i }, n) => {
      if (i >= refusedAt) return;
      const grant = answer[2 + n * 2]!;
      const ttl = answer[3 + n * 2]!;
      this.leases.set(key, { left: grant - 1, until: now + ttl });
    });
    if (this.leases.size > LEASES_PRUNE_AT) for (const [key, lease] of this.leases) if (lease.until <= now || lease.left <= 0) this.leases.delete(key);
    if (refusedAsked > 0) throw new RateLimitedError(Math.max(1, Math.ceil(refusedTtl / 1000)));
  }

  /**
   * On a graceful stop (a deploy, a rolling restart): the units leased here and not spent go back to
   * their windows, so a restart costs the budgets nothing. A window that ends within GIVE_BACK_MIN_MS is
   * left alone (its key may be gone by the time the answer arrives, and a new window must not be
   * lowered); only a window whose key still lives is lowered, never below zero.
   */
  async giveBack(): Promise<number> {
    const redis = this.options.redis;
    if (!redis) return 0;
    const now = Date.now();
    const back = [...this.leases].filter(([, lease]) => lease.left > 0 && lease.until - now > GIVE_BACK_MIN_MS);
    this.leases.clear();
    if (back.length === 0) return 0;
    const given = await redis.client.eval(GIVE_BACK_SCRIPT, { keys: back.map(([key]) => key), arguments: back.map(([, lease]) => String(lease.left)) });
    return Number(given);
  }

  /** By its hash (the script text crosses once per Redis start), loading it when Redis does not know it yet. */
  private async evalTake(client: RedisClient, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await client.evalSha(TAKE_SHA, { keys, arguments: args });
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith("NOSCRIPT")) throw err;
      return client.eval(TAKE_SCRIPT, { keys, arguments: args });
    }
  }
}

/** The visitor limits for this node: in memory alone, on their own Redis connection when clustered; `close` ends that connection. */
export async function createSocketLimits(config: { redisUrl?: string; redisKeyPrefix: string; visitorMessageLimit?: number; visitorConnectLimit?: number; visitorAddressLimitScale?: number }, trust: TrustFn, log: Logger): Promise<{ limits: SocketRateLimits; close: () => Promise<void> }> {
  const overrides = { ...(config.visitorMessageLimit ? { messagesPer10s: config.visitorMessageLimit } : {}), ...(config.visitorConnectLimit ? { connectsPerMinute: config.visitorConnectLimit } : {}), ...(config.visitorAddressLimitScale ? { addressScale: config.visitorAddressLimitScale } : {}) };
  if (!config.redisUrl) return { limits: new SocketRateLimits(overrides, trust), close: async () => undefined };
  const client = createClient({ url: config.redisUrl });
  client.on("error", (err: unknown) => log.error({ err }, "redis error (rate limits)"));
  await client.connect();
  const limits = new SocketRateLimits({ ...overrides, redis: { client, keyPrefix: config.redisKeyPrefix } }, trust);
  const close = async () => {
    await limits.giveBack().catch((err: unknown) => log.warn({ err }, "could not give back rate-limit leases"));
    await client.quit().catch(() => undefined);
  };
  return { limits, close };
}
