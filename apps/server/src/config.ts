// Configuration from the environment; every variable is optional (see the README's table).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
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
  /** In a cluster: how often a node checks who is connected anywhere (a crashed node's sockets). */
  clusterReconcileMs: number;
  adminEmail?: string;
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

/** Unset or empty = trust nobody; a number = that many hops; otherwise a comma list of addresses/CIDRs (or names like "loopback"). */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = value?.trim();
  if (!v || v === "false") return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(",").map((p) => p.trim()).filter(Boolean);
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
    clusterReconcileMs: positiveInt(env.CLUSTER_RECONCILE_MS, "CLUSTER_RECONCILE_MS") || 15_000,
    adminEmail: env.ADMIN_EMAIL || undefined,
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
