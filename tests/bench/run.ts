// `npm run bench`: the same visitor load against a bare Socket.IO relay and against the real server,
// then the verdict: product p99 delivery at most BENCH_MAX_RATIO × the relay's, nothing lost, all stored.
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runLoad, type LoadOptions } from "./load.js";
import { summarise, type Latency, type RunSummary } from "./stats.js";
import { benchDatabase, operatorsFor, startProduct, startRelay, verifyStored, type StorageCheck } from "./targets.js";

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

const options: LoadOptions = {
  visitors: Math.round(numberFromEnv("BENCH_VISITORS", 200)),
  messagesPerSecond: numberFromEnv("BENCH_RATE", 2),
  warmupSeconds: numberFromEnv("BENCH_WARMUP_SECONDS", 3),
  measureSeconds: numberFromEnv("BENCH_SECONDS", 20),
};
const maxRatio = numberFromEnv("BENCH_MAX_RATIO", 2);
const profileDir = process.env.BENCH_PROFILE_DIR || undefined;
const here = dirname(fileURLToPath(import.meta.url));
const operatorCount = operatorsFor(options.visitors);

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function benchRelay(): Promise<RunSummary> {
  const relay = await startRelay(operatorCount);
  try {
    log(`relay: ${relay.url}, ${options.visitors} visitors, ${operatorCount} operators`);
    return summarise(await runLoad(relay, options));
  } finally {
    await relay.stop();
  }
}

async function benchProduct(databaseUrl: string): Promise<{ summary: RunSummary; storage: StorageCheck; serverErrors: string[] }> {
  const product = await startProduct(databaseUrl, operatorCount, profileDir);
  try {
    log(`product: ${product.url}, ${options.visitors} visitors, ${operatorCount} operators`);
    const run = await runLoad(product, options);
    return { summary: summarise(run), storage: await verifyStored(product.url, product.adminToken, run), serverErrors: product.errors() };
  } finally {
    await product.stop();
  }
}

function table(relay: RunSummary, product: RunSummary, ratio: number): string {
  const rows: Array<[string, string, string]> = [];
  const latencyRows = (label: string, pick: (s: RunSummary) => Latency) => {
    for (const key of ["p50", "p95", "p99", "max"] as const) rows.push([`${label} ${key} (ms)`, pick(relay)[key].toFixed(2), pick(product)[key].toFixed(2)]);
  };
  latencyRows("delivery", (s) => s.delivery);
  latencyRows("ack", (s) => s.ack);
  rows.push(["sent", String(relay.sent), String(product.sent)]);
  rows.push(["acknowledged", String(relay.acknowledged), String(product.acknowledged)]);
  rows.push(["delivered", String(relay.delivered), String(product.delivered)]);
  rows.push(["send lag p99 (ms)", relay.sendLag.p99.toFixed(2), product.sendLag.p99.toFixed(2)]);
  rows.push(["setup (s)", relay.setupSeconds.toFixed(1), product.setupSeconds.toFixed(1)]);
  const width = Math.max(...rows.map((r) => r[0].length));
  const lines = [`${"".padEnd(width)}  ${"relay".padStart(10)}  ${"product".padStart(10)}`];
  for (const [label, a, b] of rows) lines.push(`${label.padEnd(width)}  ${a.padStart(10)}  ${b.padStart(10)}`);
  lines.push(`${"p99 delivery ratio".padEnd(width)}  ${`${ratio.toFixed(2)}×`.padStart(22)}  (target ≤ ${maxRatio}×)`);
  return lines.join("\n");
}

const database = benchDatabase(process.env.DATABASE_URL);
const startedAt = new Date();
const machine = { node: process.version, cpus: cpus().length, loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100) };
log(
  `bench: ${options.visitors} visitors × ${options.messagesPerSecond} msg/s, ${options.warmupSeconds} s warm-up + ${options.measureSeconds} s measured, database ${database.kind}, load average ${machine.loadAverageAtStart.join(" ")}`,
);

let exitCode = 1;
try {
  const relay = await benchRelay();
  const { summary: product, storage, serverErrors } = await benchProduct(database.url);
  const ratio = product.delivery.p99 / relay.delivery.p99;
  const failures: string[] = [];
  if (!(ratio <= maxRatio)) failures.push(`product p99 delivery ${product.delivery.p99} ms is ${ratio.toFixed(2)}× the relay's ${relay.delivery.p99} ms (target ≤ ${maxRatio}×)`);
  for (const [name, s] of [["relay", relay], ["product", product]] as const) {
    if (s.delivered !== s.sent) failures.push(`${name}: ${s.sent - s.delivered} of ${s.sent} messages never reached an operator`);
    if (s.acknowledged !== s.sent) failures.push(`${name}: ${s.sent - s.acknowledged} of ${s.sent} messages not acknowledged (${s.ackErrors.slice(0, 3).join("; ")})`);
    if (s.duplicatesDelivered > 0) failures.push(`${name}: ${s.duplicatesDelivered} messages reached an operator more than once`);
    if (s.disconnects.length > 0) failures.push(`${name}: sockets dropped during the run (${s.disconnects.slice(0, 3).join("; ")})`);
    if (s.alteredBodies > 0) failures.push(`${name}: ${s.alteredBodies} message bodies arrived altered`);
  }
  if (storage.stored !== product.acknowledged) failures.push(`product: ${product.acknowledged} messages acknowledged, ${storage.stored} stored`);
  if (storage.problems.length > 0) failures.push(`product storage: ${storage.problems.length} problems, first: ${storage.problems.slice(0, 5).join("; ")}`);

  process.stdout.write(`\n${table(relay, product, ratio)}\n`);
  process.stdout.write(`stored: ${storage.stored} messages in ${storage.conversations} conversations, ${storage.problems.length} problems\n`);
  if (serverErrors.length > 0) process.stdout.write(`server logged errors:\n${serverErrors.map((e) => `  ${e}`).join("\n")}\n`);
  process.stdout.write(failures.length === 0 ? "PASS\n" : `FAIL\n${failures.map((f) => `  - ${f}`).join("\n")}\n`);
  writeFileSync(
    join(here, "last-run.json"),
    `${JSON.stringify({ startedAt: startedAt.toISOString(), machine, database: database.kind, options, maxRatio, ratio: Math.round(ratio * 100) / 100, relay, product, storage: { ...storage, problems: storage.problems.slice(0, 50) }, serverErrors, failures, passed: failures.length === 0 }, null, 2)}\n`,
  );
  exitCode = failures.length === 0 ? 0 : 1;
} catch (err) {
  log(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
} finally {
  await database.dispose().catch((err: unknown) => log(`could not remove the bench database: ${String(err)}`));
}
process.exit(exitCode);
