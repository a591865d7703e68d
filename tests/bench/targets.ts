// The two servers under load, each its own process on loopback: the bare relay and the real product.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LIMITS } from "@live-chat/protocol/limits";
import type { Message } from "@live-chat/protocol";
import { ADMIN, api, createOperator, login } from "../support/clients.js";
import { spawnServer, spawnUntilUrl } from "../support/spawn-server.js";
import type { LoadRun, Target } from "./load.js";

export interface RunningTarget extends Target {
  stop: () => Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));

export async function startRelay(operatorCount: number): Promise<RunningTarget> {
  const relay = await spawnUntilUrl(["--import", "tsx", join(here, "relay-server.ts")], { urlPattern: /"url":"(http:\/\/127\.0\.0\.1:\d+)"/, label: "relay" });
  return {
    url: relay.url,
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

/** Operators needed so every visitor gets one, with room to spare in each operator's maxChats. */
export function operatorsFor(visitors: number): number {
  return Math.ceil(visitors / Math.floor(LIMITS.maxChats * 0.8));
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

export async function startProduct(databaseUrl: string, operatorCount: number, profileDir?: string): Promise<RunningTarget & { adminToken: string; errors: () => string[] }> {
  const server = await spawnServer({
    databaseUrl,
    // The server announces its URL at info level; it logs nothing per message at that level.
    env: { NODE_ENV: "production", LOG_LEVEL: "info", ...(profileDir ? { NODE_OPTIONS: `--require ${join(here, "server-probe.cjs")}`, BENCH_PROFILE_DIR: profileDir } : {}) },
  });
  try {
    const admin = await login(server.url, ADMIN.email, ADMIN.password);
    const operatorTokens: string[] = [];
    for (let i = 0; i < operatorCount; i++) {
      const operator = await createOperator(server.url, admin.token, { name: `Bench Operator ${i}`, maxChats: LIMITS.maxChats });
      operatorTokens.push(operator.token);
    }
    return { url: server.url, operatorTokens, adminToken: admin.token, errors: () => serverErrors(server.output()), stop: () => server.stop() };
  } catch (err) {
    await server.stop();
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
export async function verifyStored(url: string, token: string, run: LoadRun): Promise<StorageCheck> {
  const problems: string[] = [];
  const sentByConversation = new Map<string, LoadRun["messages"]>();
  for (const m of run.messages) sentByConversation.set(m.conversationId, [...(sentByConversation.get(m.conversationId) ?? []), m]);
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
