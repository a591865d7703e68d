// `npm run bench`: the same visitor load against a bare Socket.IO relay, the durable-insert floor of the
// database and the real server, then the verdict (BENCH_MODE=compare); or the saturation ramp, idle
// connections, start-up time or the widget on slow 3G (BENCH_MODE=ramp|idle|startup|widget).
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../apps/server/src/config.js";
import { clusterPlacement, LoadSession } from "./load.js";
import { runRamp, stepProblems, type RampOptions, type RampResult } from "./ramp.js";
import { summarise, type Latency, type RunSummary } from "./stats.js";
import { startNamed, TARGET_NAMES, type StorageCheck, type TargetName } from "./targets.js";
import { rampChart } from "./chart.js";
import { runIdle } from "./idle.js";
import { runStartup } from "./startup.js";
import { runWidgetSlow3g } from "./widget-slow-3g.js";

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

const here = dirname(fileURLToPath(import.meta.url));
const resultsDir = join(here, "results");
const postgresUrl = process.env.BENCH_POSTGRES_URL || process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test";
const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";
const loadProcesses = Math.round(numberFromEnv("BENCH_LOAD_PROCESSES", 2));
const mode = process.env.BENCH_MODE || "compare";

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const machine = () => ({ node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", loadAverage: loadavg().map(round2) });

function writeResult(name: string, result: object): void {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
}

/** One target at the classic load: BENCH_VISITORS × BENCH_RATE. */
async function benchOne(name: TargetName, visitors: number, rate: number, warmup: number, seconds: number): Promise<{ summary: RunSummary; storage?: StorageCheck; serverErrors: string[] }> {
  const target = await startNamed(name, visitors, { postgresUrl, redisUrl, profileDir: process.env.BENCH_PROFILE_DIR || undefined });
  let session: LoadSession | undefined;
  try {
    log(`${name}: ${target.nodes.join(" ")}, ${visitors} visitors, ${target.operatorTokens.length} operators`);
    session = await LoadSession.open(target, loadProcesses);
    await session.grow(visitors);
    const run = await session.step(0, rate, warmup, seconds);
    await session.close();
    session = undefined;
    return { summary: summarise(run), ...(target.verify ? { storage: await target.verify(run) } : {}), serverErrors: target.errors() };
  } finally {
    await session?.close();
    await target.stop();
  }
}

function table(columns: Array<[string, RunSummary]>): string {
  const rows: string[][] = [];
  const latencyRows = (label: string, pick: (s: RunSummary) => Latency) => {
    for (const key of ["p50", "p95", "p99", "max"] as const) rows.push([`${label} ${key} (ms)`, ...columns.map(([, s]) => pick(s)[key].toFixed(2))]);
  };
  latencyRows("delivery", (s) => s.delivery);
  latencyRows("ack", (s) => s.ack);
  rows.push(["sent", ...columns.map(([, s]) => String(s.sent))]);
  rows.push(["acknowledged", ...columns.map(([, s]) => String(s.acknowledged))]);
  rows.push(["delivered", ...columns.map(([, s]) => String(s.delivered))]);
  rows.push(["send lag p99 (ms)", ...columns.map(([, s]) => s.sendLag.p99.toFixed(2))]);
  const width = Math.max(...rows.map((r) => r[0]!.length));
  const lines = [`${"".padEnd(width)}${columns.map(([n]) => `  ${n.padStart(18)}`).join("")}`];
  for (const [label, ...cells] of rows) lines.push(`${label!.padEnd(width)}${cells.map((c) => `  ${c.padStart(18)}`).join("")}`);
  return lines.join("\n");
}

async function compare(): Promise<number> {
  const visitors = Math.round(numberFromEnv("BENCH_VISITORS", 200));
  const rate = numberFromEnv("BENCH_RATE", 2);
  const warmup = numberFromEnv("BENCH_WARMUP_SECONDS", 3);
  const seconds = numberFromEnv("BENCH_SECONDS", 20);
  const maxFloorRatio = numberFromEnv("BENCH_MAX_RATIO", 1.3);
  const storages = (process.env.BENCH_STORAGE || "sqlite,postgresql").split(",") as Array<"sqlite" | "postgresql">;
  const startedAt = new Date().toISOString();
  const atStart = machine();
  log(`bench: ${visitors} visitors × ${rate} msg/s, ${warmup} s warm-up + ${seconds} s measured, storages ${storages.join(", ")}, ${atStart.cpus} CPUs, load average ${atStart.loadAverage.join(" ")}`);
  const relay = await benchOne("relay", visitors, rate, warmup, seconds);
  const failures: string[] = [];
  const perStorage: Record<string, object> = {};
  const columns: Array<[string, RunSummary]> = [["relay", relay.summary]];
  for (const storage of storages) {
    const floor = await benchOne(`floor-${storage}`, visitors, rate, warmup, seconds);
    const product = await benchOne(`product-${storage}`, visitors, rate, warmup, seconds);
    columns.push([`floor ${storage}`, floor.summary], [`product ${storage}`, product.summary]);
    const ratios = {
      p50ToFloor: round2(product.summary.delivery.p50 / floor.summary.delivery.p50),
      p99ToFloor: round2(product.summary.delivery.p99 / floor.summary.delivery.p99),
      p50ToRelay: round2(product.summary.delivery.p50 / relay.summary.delivery.p50),
      p99ToRelay: round2(product.summary.delivery.p99 / relay.summary.delivery.p99),
    };
    perStorage[storage] = { floor: floor.summary, product: product.summary, ratios, storage: product.storage && { ...product.storage, problems: product.storage.problems.slice(0, 50) }, serverErrors: product.serverErrors };
    if (!(ratios.p99ToFloor <= maxFloorRatio)) failures.push(`${storage}: product p99 ${product.summary.delivery.p99} ms is ${ratios.p99ToFloor}× its floor's ${floor.summary.delivery.p99} ms (target ≤ ${maxFloorRatio}×)`);
    for (const [name, s] of [[`floor ${storage}`, floor.summary], [`product ${storage}`, product.summary]] as const) for (const why of stepProblems(s, Infinity)) failures.push(`${name}: ${why}`);
    if (product.storage && product.storage.stored !== product.summary.acknowledged) failures.push(`product ${storage}: ${product.summary.acknowledged} acknowledged, ${product.storage.stored} stored`);
    if (product.storage && product.storage.problems.length > 0) failures.push(`product ${storage} storage: ${product.storage.problems.slice(0, 3).join("; ")}`);
    if (product.serverErrors.length > 0) log(`product ${storage} logged errors:\n  ${product.serverErrors.join("\n  ")}`);
  }
  for (const why of stepProblems(relay.summary, Infinity)) failures.push(`relay: ${why}`);
  process.stdout.write(`\n${table(columns)}\n`);
  for (const [storage, r] of Object.entries(perStorage)) {
    const { ratios } = r as { ratios: Record<string, number> };
    process.stdout.write(`${storage}: product/floor p50 ${ratios.p50ToFloor}× p99 ${ratios.p99ToFloor}× (target ≤ ${maxFloorRatio}×); product/relay p50 ${ratios.p50ToRelay}× p99 ${ratios.p99ToRelay}×\n`);
  }
  process.stdout.write(failures.length === 0 ? "PASS\n" : `FAIL\n${failures.map((f) => `  - ${f}`).join("\n")}\n`);
  writeResult(process.env.BENCH_RESULT_NAME || "compare", { startedAt, machine: { ...atStart, loadAverageAtEnd: loadavg().map(round2) }, options: { visitors, rate, warmup, seconds, loadProcesses }, maxFloorRatio, relay: relay.summary, perStorage, failures, passed: failures.length === 0 });
  return failures.length === 0 ? 0 : 1;
}

export function rampOptionsFromEnv(): RampOptions {
  return {
    startRate: numberFromEnv("BENCH_RAMP_START_RATE", 100),
    factor: numberFromEnv("BENCH_RAMP_FACTOR", 1.5),
    startVisitors: Math.round(numberFromEnv("BENCH_RAMP_START_VISITORS", 50)),
    maxVisitors: Math.round(numberFromEnv("BENCH_RAMP_MAX_VISITORS", 1000)),
    maxSteps: Math.round(numberFromEnv("BENCH_RAMP_MAX_STEPS", 12)),
    warmupSeconds: numberFromEnv("BENCH_WARMUP_SECONDS", 1),
    stepSeconds: numberFromEnv("BENCH_SECONDS", 5),
    p99LimitMs: numberFromEnv("BENCH_P99_LIMIT_MS", 100),
    primeSeconds: numberFromEnv("BENCH_RAMP_PRIME_SECONDS", 10),
    confirmTries: Math.round(numberFromEnv("BENCH_RAMP_CONFIRM", 1)),
    loadProcesses,
    postgresUrl,
    redisUrl,
    ...(process.env.BENCH_NODE_CPU ? { nodeCpu: numberFromEnv("BENCH_NODE_CPU", 1) } : {}),
    ...(process.env.BENCH_PROFILE_DIR ? { profileDir: process.env.BENCH_PROFILE_DIR } : {}),
  };
}

async function ramp(): Promise<number> {
  const options = rampOptionsFromEnv();
  const names = (process.env.BENCH_TARGETS ? process.env.BENCH_TARGETS.split(",") : TARGET_NAMES) as TargetName[];
  const startedAt = new Date().toISOString();
  const atStart = machine();
  const cap = options.nodeCpu !== undefined ? `, each node capped at ${options.nodeCpu} of a core` : "";
  // How the cluster targets are set up: where chats are placed, and the adapter and routing the product's nodes
  // read from this environment (parsed by the product's own config, so its defaults and refusals apply).
  const product = loadConfig({ CLUSTER_ADAPTER: process.env.CLUSTER_ADAPTER, CLUSTER_BATCH_MS: process.env.CLUSTER_BATCH_MS, CLUSTER_ROUTING: process.env.CLUSTER_ROUTING });
  const cluster = { placement: clusterPlacement(), adapter: product.clusterAdapter, batchMs: product.clusterBatchMs, routing: product.clusterRouting };
  log(`ramp: from ${options.startRate} msg/s ×${options.factor} a step, ${options.stepSeconds} s a step, until p99 > ${options.p99LimitMs} ms or a loss${cap}; clusters: ${JSON.stringify(cluster)}; ${atStart.cpus} CPUs, load average ${atStart.loadAverage.join(" ")}`);
  const results: RampResult[] = [];
  for (const name of names) results.push(await runRamp(name, options, log));
  const rateOf = (name: TargetName) => results.find((r) => r.target === name)?.maxSustainedRate;
  const ratio = (a?: number, b?: number) => (a !== undefined && b ? round2(a / b) : undefined);
  const ratios = {
    productToFloorSqlite: ratio(rateOf("product-sqlite"), rateOf("floor-sqlite")),
    productToFloorPostgresql: ratio(rateOf("product-postgresql"), rateOf("floor-postgresql")),
    twoNodesToOne: ratio(rateOf("cluster2-postgresql"), rateOf("product-postgresql")),
    threeNodesToOne: ratio(rateOf("cluster3-postgresql"), rateOf("product-postgresql")),
    floorPostgresqlToRelay: ratio(rateOf("floor-postgresql"), rateOf("relay")),
  };
  process.stdout.write(`\nmax sustained msg/s (p99 ≤ ${options.p99LimitMs} ms, nothing lost)${cap}, ${atStart.cpus} CPUs, load average ${atStart.loadAverage.join(" ")} → ${loadavg().map(round2).join(" ")}\n`);
  for (const r of results) process.stdout.write(`  ${r.target.padEnd(22)} ${String(r.maxSustainedRate).padStart(7)}  (stopped: ${r.stoppedBecause})${r.storage ? `, stored ${r.storage.stored}, ${r.storage.problems.length} problems` : ""}${r.cpuAtMax ? `; at that step node CPU-s/1000 msg ${r.cpuAtMax.perThousandMessages.join("/")}, cores: nodes ${r.cpuAtMax.nodeCores.join("/")}, load ${r.cpuAtMax.loadGeneratorCores}, postgres ${r.cpuAtMax.postgresCores}, redis ${r.cpuAtMax.redisCores}` : ""}\n`);
  process.stdout.write(`ratios: ${JSON.stringify(ratios)}\n`);
  // What a message costs the whole target (all its nodes) at its highest step that held.
  const cpuPerThousand = Object.fromEntries(results.filter((r) => r.cpuAtMax).map((r) => [r.target, round2(r.cpuAtMax!.perThousandMessages.reduce((n, x) => n + x, 0))]));
  if (Object.keys(cpuPerThousand).length > 0) process.stdout.write(`CPU-seconds per 1,000 messages, all nodes together, at the highest step that held: ${JSON.stringify(cpuPerThousand)}\n`);
  const lost = results.filter((r) => r.storage && (r.storage.problems.length > 0 || r.storage.stored !== r.steps.reduce((n, s) => n + s.summary.acknowledged, r.primed.acknowledged)));
  const name = process.env.BENCH_RESULT_NAME || "ramp";
  writeResult(name, { startedAt, machine: { ...atStart, loadAverageAtEnd: loadavg().map(round2) }, options: { ...options, postgresUrl: undefined, redisUrl: undefined }, cluster, results, ratios, cpuPerThousand });
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${name}.svg`), rampChart(results, `Delivery latency against rate${cap ? ` — nodes capped at ${options.nodeCpu} core` : ""} — ${atStart.cpus} CPUs, load ${atStart.loadAverage[0]}`));
  return lost.length === 0 ? 0 : 1;
}

async function main(): Promise<number> {
  switch (mode) {
    case "compare":
      return compare();
    case "ramp":
      return ramp();
    case "idle":
      return runIdle({ counts: (process.env.BENCH_IDLE_VISITORS || "2000,10000").split(",").map(Number), settleSeconds: Number(process.env.BENCH_IDLE_SETTLE_SECONDS || 30), resultName: process.env.BENCH_RESULT_NAME || "idle", loadProcesses: Math.max(loadProcesses, 4), log, write: writeResult, machine });
    case "startup":
      return runStartup({ log, write: writeResult, machine });
    case "widget":
      return runWidgetSlow3g({ log, write: writeResult, machine });
    default:
      throw new Error(`BENCH_MODE must be compare, ramp, idle, startup or widget, got "${mode}"`);
  }
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (err) {
  log(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
}
process.exit(exitCode);
