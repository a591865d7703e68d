// The servers under load, each its own process on loopback: the bare relay, the durable-insert floor
// (the relay plus one INSERT + COMMIT per message) and the real product, alone or as a cluster.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LIMITS } from "@live-chat/protocol/limits";
import type { Message } from "@live-chat/protocol";
import { ADMIN, api, createOperator, login } from "../support/clients.js";
import { spawnServer, spawnUntilUrl, type SpawnedServer } from "../support/spawn-server.js";
import type { LoadRun, Target } from "./load.js";
import { CpuGroup, removeStaleGroups } from "./cpu.js";

export type { Target };

export interface RunningTarget extends Target {
  stop: () => Promise<void>;
  /** The process id of each node, to read its memory. */
  pids: number[];
}

const here = dirname(fileURLToPath(import.meta.url));

/** The bare relay, or with `storeUrl` (file:… or postgresql://…) the durable-insert floor on that database. */
export async function startRelay(operatorCount: number, storeUrl?: string, probeEnv: Record<string, string> = {}): Promise<RunningTarget> {
  const relay = await spawnUntilUrl(["--import", "tsx", join(here, "relay-server.ts")], {
    urlPattern: /"url":"(http:\/\/127\.0\.0\.1:\d+)"/,
    label: storeUrl ? "floor" : "relay",
    env: { ...(process.env as Record<string, string>), ...(storeUrl ? { RELAY_STORE: storeUrl } : {}), ...probeEnv },
  });
  return {
    nodes: [relay.url],
    pids: [relay.process.pid!],
    operatorTokens: Array.from({ length: operatorCount }, (_, i) => `relay-operator-${i}`),
    stop: () => relay.stop(),
  };
}

/** The database the product gets: a fresh PostgreSQL schema when DATABASE_URL names PostgreSQL, else a fresh SQLite file. */
export function benchDatabase(databaseUrl: string | undefined): { url: string; kind: "sqlite" | "postgresql"; dispose: () => Promise<void> } {
  if (databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl)) {
    const url = new URL(databaseUrl);
    const schema = url.searchParams.get("schema") ?? `bench_${Date.now().toString(36)}`;
    const owned = !url.searchParams.has("schema");
    url.searchParams.set("schema", schema);
    return {
      url: url.toString(),
      kind: "postgresql",
      dispose: async () => {
        if (!owned) return;
        const { default: pg } = await import("pg");
        url.searchParams.delete("schema");
        const client = new pg.Client({ connectionString: url.toString() });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "live-chat-bench-"));
  return { url: `file:${join(dir, "chat.db")}`, kind: "sqlite", dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** Operators needed so every visitor gets one, with room to spare in each operator's maxChats; a multiple of the node count, so each node has the same number. */
export function operatorsFor(visitors: number, nodes = 1): number {
  return Math.ceil(Math.ceil(visitors / Math.floor(LIMITS.maxChats * 0.8)) / nodes) * nodes;
}

// stdout and stderr share one buffer, so a rare stderr write may still cut a line: then show it raw.
function describeLogLine(line: string): string {
  try {
    const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
    return `${entry.msg ?? ""}: ${entry.err?.message?.split("\n").filter(Boolean).slice(-1)[0] ?? ""}`.slice(0, 300);
  } catch {
    return line.slice(0, 300);
  }
}

/** The first distinct error lines the server logged (pino level 50 and up), for the report. */
function serverErrors(output: string, limit = 5): string[] {
  const seen = new Map<string, string>();
  for (const line of output.split("\n")) {
    if (!/"level":(5|6)\d/.test(line)) continue;
    const text = describeLogLine(line);
    if (!seen.has(text)) seen.set(text, text);
    if (seen.size >= limit) break;
  }
  return [...seen.keys()];
}

export interface ProductTarget extends RunningTarget {
  adminToken: string;
  errors: () => string[];
}

/**
 * The built server (apps/server/dist/main.js), one node or `nodes` of a cluster on one PostgreSQL and
 * Redis. Every load comes from loopback, one address: the per-address budgets are lifted for the bench.
 */
export async function startProduct(databaseUrl: string, operatorCount: number, options: { profileDir?: string; nodes?: number; redisUrl?: string; probeEnv?: Record<string, string> } = {}): Promise<ProductTarget> {
  const nodes = options.nodes ?? 1;
  const cluster: Record<string, string> = nodes > 1 || options.redisUrl ? { REDIS_URL: options.redisUrl ?? "redis://127.0.0.1:6379", REDIS_KEY_PREFIX: `bench-${Date.now().toString(36)}`, SESSION_SECRET: "bench-cluster-secret" } : {};
  const env = {
    NODE_ENV: "production",
    // The server announces its URL at info level; it logs nothing per message at that level.
    LOG_LEVEL: "info",
    VISITOR_MESSAGE_LIMIT: "1000000",
    VISITOR_CONNECT_LIMIT: "1000000",
    VISITOR_ADDRESS_LIMIT_SCALE: "100000",
    ...cluster,
    ...(options.profileDir ? { NODE_OPTIONS: `--require ${join(here, "server-probe.cjs")}`, BENCH_PROFILE_DIR: options.profileDir } : {}),
    ...options.probeEnv,
  };
  const servers: SpawnedServer[] = [];
  const stop = async () => {
    for (const server of servers) await server.stop();
  };
  try {
    // The first node migrates the fresh database; the others then find it ready.
    servers.push(await spawnServer({ databaseUrl, env }));
    servers.push(...(await Promise.all(Array.from({ length: nodes - 1 }, () => spawnServer({ databaseUrl, env })))));
    const url = servers[0]!.url;
    const admin = await login(url, ADMIN.email, ADMIN.password);
    const operatorTokens: string[] = [];
    for (let i = 0; i < operatorCount; i++) {
      const operator = await createOperator(url, admin.token, { name: `Bench Operator ${i}`, maxChats: LIMITS.maxChats });
      operatorTokens.push(operator.token);
    }
    return {
      nodes: servers.map((s) => s.url),
      pids: servers.map((s) => s.process.pid!),
      operatorTokens,
      adminToken: admin.token,
      errors: () => servers.flatMap((s) => serverErrors(s.output())),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export interface StorageCheck {
  conversations: number;
  stored: number;
  problems: string[];
}

const VERIFY_BATCH = 10;

/** Every acknowledged message is stored exactly once, with the acknowledged seq; seq runs 1, 2, 3… and follows each visitor's send order. */
export async function verifyStored(url: string, token: string, run: Pick<LoadRun, "messages" | "conversationIds">): Promise<StorageCheck> {
  const problems: string[] = [];
  const sentByConversation = new Map<string, LoadRun["messages"]>();
  for (const m of run.messages) {
    const list = sentByConversation.get(m.conversationId);
    if (list) list.push(m);
    else sentByConversation.set(m.conversationId, [m]);
  }
  let stored = 0;
  for (let i = 0; i < run.conversationIds.length; i += VERIFY_BATCH) {
    await Promise.all(
      run.conversationIds.slice(i, i + VERIFY_BATCH).map(async (conversationId) => {
        const res = await api<Message[]>(url, `/api/conversations/${conversationId}/messages`, { token });
        if (res.status !== 200) return void problems.push(`${conversationId}: GET messages answered ${res.status}`);
        const rows = res.body;
        rows.forEach((row, at) => {
          if (row.seq !== at + 1) problems.push(`${conversationId}: position ${at + 1} holds seq ${row.seq}`);
        });
        const byClientId = new Map<string, Message[]>();
        for (const row of rows) if (row.clientId) byClientId.set(row.clientId, [...(byClientId.get(row.clientId) ?? []), row]);
        let previousSeq = 0;
        for (const sent of sentByConversation.get(conversationId) ?? []) {
          const copies = byClientId.get(sent.clientId) ?? [];
          if (sent.seq === undefined) continue;
          stored += copies.length;
          if (copies.length !== 1) problems.push(`${sent.clientId}: acknowledged, stored ${copies.length} times`);
          else if (copies[0]!.seq !== sent.seq) problems.push(`${sent.clientId}: acknowledged as seq ${sent.seq}, stored as seq ${copies[0]!.seq}`);
          if (sent.seq <= previousSeq) problems.push(`${sent.clientId}: sent after seq ${previousSeq} but got seq ${sent.seq}`);
          previousSeq = sent.seq;
        }
      }),
    );
  }
  return { conversations: run.conversationIds.length, stored, problems };
}

export type TargetName = "relay" | "floor-sqlite" | "product-sqlite" | "floor-postgresql" | "product-postgresql" | "cluster2-postgresql" | "cluster3-postgresql";
export const TARGET_NAMES: TargetName[] = ["relay", "floor-sqlite", "product-sqlite", "floor-postgresql", "product-postgresql", "cluster2-postgresql", "cluster3-postgresql"];

export interface NamedTarget extends RunningTarget {
  name: TargetName;
  storage: "none" | "sqlite" | "postgresql";
  /** The product's own check that every acknowledged message is stored once, in order; none for the relays. */
  verify?: (run: Pick<LoadRun, "messages" | "conversationIds">) => Promise<StorageCheck>;
  errors: () => string[];
  /** With `nodeCpu`: each node's own capped cpu group, in node order. */
  cpuGroups: CpuGroup[];
}

/** Puts each process in a cpu group of its own capped at `cores` of a core; `remove` takes the groups away again. */
function capEach(pids: number[], cores: number | undefined): { groups: CpuGroup[]; remove: () => void } {
  if (cores === undefined) return { groups: [], remove: () => undefined };
  removeStaleGroups();
  const groups: CpuGroup[] = [];
  const remove = () => {
    for (const g of groups.splice(0)) {
      try {
        g.remove();
      } catch (err) {
        process.stderr.write(`could not remove the cpu group ${g.path}: ${String(err)}\n`);
      }
    }
  };
  try {
    pids.forEach((pid, i) => {
      const group = CpuGroup.create(`node${i}`, cores);
      groups.push(group);
      group.add(pid);
    });
  } catch (err) {
    remove();
    throw err;
  }
  return { groups: [...groups], remove };
}

/** Starts a target by name on a fresh database of its own (dropped again by `stop`), with operators for `visitors`. */
export async function startNamed(name: TargetName, visitors: number, options: { postgresUrl: string; redisUrl: string; profileDir?: string; memoryDir?: string; nodeCpu?: number }): Promise<NamedTarget> {
  const probeEnv: Record<string, string> = options.memoryDir ? { NODE_OPTIONS: `--expose-gc --require ${join(here, "memory-probe.cjs")}`, BENCH_MEMORY_DIR: options.memoryDir } : {};
  const nodes = name === "cluster2-postgresql" ? 2 : name === "cluster3-postgresql" ? 3 : 1;
  const storage = name === "relay" ? "none" : name.endsWith("sqlite") ? "sqlite" : "postgresql";
  const operatorCount = operatorsFor(visitors, nodes);
  const database = storage === "none" ? undefined : benchDatabase(storage === "postgresql" ? options.postgresUrl : undefined);
  const dispose = async () => database?.dispose().catch((err: unknown) => process.stderr.write(`could not remove the bench database: ${String(err)}\n`));
  try {
    if (!name.startsWith("product") && !name.startsWith("cluster")) {
      const relay = await startRelay(operatorCount, database?.url, probeEnv);
      let capped: ReturnType<typeof capEach>;
      try {
        capped = capEach(relay.pids, options.nodeCpu);
      } catch (err) {
        await relay.stop();
        throw err;
      }
      return { ...relay, name, storage, cpuGroups: capped.groups, errors: () => [], stop: async () => { await relay.stop(); capped.remove(); await dispose(); } };
    }
    const product = await startProduct(database!.url, operatorCount, { nodes, ...(nodes > 1 || process.env.BENCH_ONE_NODE_REDIS === "1" ? { redisUrl: options.redisUrl } : {}), profileDir: options.profileDir, probeEnv });
    let capped: ReturnType<typeof capEach>;
    try {
      // Capped once started and given its operators: the cap models the node serving, not its start-up.
      capped = capEach(product.pids, options.nodeCpu);
    } catch (err) {
      await product.stop();
      throw err;
    }
    return {
      ...product,
      name,
      storage,
      cpuGroups: capped.groups,
      verify: (run) => verifyStored(product.nodes[0]!, product.adminToken, run),
      stop: async () => { await product.stop(); capped.remove(); await dispose(); },
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}
