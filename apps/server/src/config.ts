// Configuration from the environment; every variable is optional (see the README's table).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import { isIP } from "node:net";
import { mailConfig, type MailConfig } from "./mail/config.js";

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl?: string;
  /** TRUST_PROXY: false (trust nobody), a hop count, or proxy addresses/CIDRs; Express's `trust proxy` and the socket's client address. */
  trustProxy: TrustProxy;
  /** Prefix of this deployment's keys in a shared Redis. */
  redisKeyPrefix: string;
  /** CLUSTER_ADAPTER: how broadcasts cross the nodes (sharded pub/sub, or one Redis stream); the same on every node. */
  clusterAdapter: "batched" | "sharded" | "streams";
  /** CLUSTER_BATCH_MS: with the batched adapter, how long a node gathers broadcasts after a PUBLISH (0: one event-loop turn). */
  clusterBatchMs: number;
  /**
   * CLUSTER_ROUTING: `fair` (fewest open chats, then the longest idle) or `local-first`: among the
   * operators with the fewest open chats, one connected to the node the visitor is on comes first, so
   * the chat's messages need not cross to another node (then the longest idle, as with `fair`).
   */
  clusterRouting: "fair" | "local-first";
  /** In a cluster: how often a node checks who is connected anywhere (a crashed node's sockets). */
  clusterReconcileMs: number;
  /** RETENTION_INTERVAL_MS: how often the retention job runs (one node per interval in a cluster). */
  retentionIntervalMs: number;
  adminEmail?: string;
  /** The name the ADMIN_EMAIL admin is created with; unset = they choose it at first sign-in. */
  adminName?: string;
  adminPassword?: string;
  allowedOrigins?: string[];
  sessionSecret?: string;
  visitorGraceMs?: number;
  widgetIdentitySecret?: string;
  /** Messages one visitor may send per 10 seconds. */
  visitorMessageLimit?: number;
  /** VISITOR_CONNECT_LIMIT: new visitors per client address per minute (default 60). */
  visitorConnectLimit?: number;
  /** VISITOR_ADDRESS_LIMIT_SCALE: multiplies the per-address budgets (default 1). */
  visitorAddressLimitScale?: number;
  logLevel: string;
  /** Where uploaded files are kept on disk (and staged before they go to S3). */
  filesDir: string;
  /** An S3-compatible store for files instead of the disk: s3://key:secret@host:port/bucket?region=…&forcePathStyle=true&tls=false */
  s3Url?: string;
  /** FILES_UNSENT_MAX_AGE_MS: an upload no message took after this long is deleted (default 24 h). */
  unsentFileMaxAgeMs: number;
  /** The repository root: where prisma/ and the built apps are found. */
  rootDir: string;
  /** Outbound SMTP, reply addresses and the inbound listener (see mail/README.md). */
  mail: MailConfig;
}

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "prisma", "schema.prisma"))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

export type TrustProxy = false | number | string[];

/** Express's names for address ranges, accepted in a TRUST_PROXY list. */
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** One entry of a TRUST_PROXY list: an address, a CIDR with a prefix that fits the address, or a named range. */
function isProxyEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Unset or empty (or `false`) = trust nobody; a whole number = that many hops; otherwise a comma list
 * of addresses, CIDRs or named ranges. Anything else stops the start with what was wrong and what to write.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = value?.trim();
  if (!v || v === "false") return false;
  if (/^\d+$/.test(v)) return Number(v);
  const entries = v.split(",").map((p) => p.trim());
  const bad = entries.filter((entry) => !isProxyEntry(entry));
  if (bad.length > 0) {
    throw new Error(
      `TRUST_PROXY: ${bad.map((b) => `"${b}"`).join(", ")} is not a proxy address, CIDR or range name. ` +
        `Give the number of proxies in front of the server (e.g. TRUST_PROXY=1), or their addresses (e.g. TRUST_PROXY=127.0.0.1,10.0.0.0/8; names: loopback, linklocal, uniquelocal); leave it unset to trust no forwarded header.`,
    );
  }
  return entries;
}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}

/** Files live beside the SQLite database (`files/` next to it); with PostgreSQL under the root's data folder. */
function defaultFilesDir(databaseUrl: string, rootDir: string): string {
  if (databaseUrl.startsWith("file:")) return join(dirname(resolve(databaseUrl.slice("file:".length).split("?")[0] ?? "")), "files");
  return join(rootDir, "data", "files");
}

function nonNegativeMs(value: string | undefined, name: string): number {
  if (value === undefined || value === "") return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 1000) throw new Error(`${name} must be a whole number of milliseconds from 0 to 1000, not ${JSON.stringify(value)}`);
  return n;
}

function clusterAdapter(value: string | undefined): Config["clusterAdapter"] {
  if (!value || value === "sharded") return "sharded";
  if (value === "batched" || value === "streams") return value;
  throw new Error(`CLUSTER_ADAPTER must be "batched", "sharded" or "streams", not ${JSON.stringify(value)}`);
}

function clusterRouting(value: string | undefined): Config["clusterRouting"] {
  if (!value || value === "fair") return "fair";
  if (value === "local-first") return value;
  throw new Error(`CLUSTER_ROUTING must be "fair" or "local-first", not ${JSON.stringify(value)}`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const rootDir = env.LIVE_CHAT_ROOT ? resolve(env.LIVE_CHAT_ROOT) : findRoot();
  const databaseUrl = env.DATABASE_URL || "file:./data/chat.db";
  const origins = env.ALLOWED_ORIGINS?.split(",").map((o) => o.trim().replace(/\/$/, "")).filter(Boolean);
  return {
    port: positiveInt(env.PORT, "PORT") ?? 3000,
    host: env.HOST || "127.0.0.1",
    databaseUrl,
    redisUrl: env.REDIS_URL || undefined,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    redisKeyPrefix: env.REDIS_KEY_PREFIX || "live-chat",
    clusterAdapter: clusterAdapter(env.CLUSTER_ADAPTER),
    clusterBatchMs: nonNegativeMs(env.CLUSTER_BATCH_MS, "CLUSTER_BATCH_MS"),
    clusterRouting: clusterRouting(env.CLUSTER_ROUTING),
    clusterReconcileMs: positiveInt(env.CLUSTER_RECONCILE_MS, "CLUSTER_RECONCILE_MS") || 15_000,
    retentionIntervalMs: positiveInt(env.RETENTION_INTERVAL_MS, "RETENTION_INTERVAL_MS") || 3_600_000,
    adminEmail: env.ADMIN_EMAIL || undefined,
    adminName: env.ADMIN_NAME?.trim() || undefined,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    allowedOrigins: origins && origins.length > 0 ? origins : undefined,
    sessionSecret: env.SESSION_SECRET || undefined,
    visitorGraceMs: positiveInt(env.VISITOR_GRACE_MS, "VISITOR_GRACE_MS"),
    widgetIdentitySecret: env.WIDGET_IDENTITY_SECRET || undefined,
    visitorMessageLimit: positiveInt(env.VISITOR_MESSAGE_LIMIT, "VISITOR_MESSAGE_LIMIT"),
    visitorConnectLimit: positiveInt(env.VISITOR_CONNECT_LIMIT, "VISITOR_CONNECT_LIMIT"),
    visitorAddressLimitScale: positiveInt(env.VISITOR_ADDRESS_LIMIT_SCALE, "VISITOR_ADDRESS_LIMIT_SCALE"),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === "test" ? "warn" : "info"),
    filesDir: env.FILES_DIR ? resolve(env.FILES_DIR) : defaultFilesDir(databaseUrl, rootDir),
    s3Url: env.S3_URL || undefined,
    unsentFileMaxAgeMs: positiveInt(env.FILES_UNSENT_MAX_AGE_MS, "FILES_UNSENT_MAX_AGE_MS") ?? 86_400_000,
    rootDir,
    mail: mailConfig(env),
  };
}
