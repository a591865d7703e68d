// Idle connections: server memory per connected visitor that sends nothing, for the product and a bare
// Socket.IO server in the same run, read from the kernel (/proc/<pid>/status) with the sockets open.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LoadSession } from "./load.js";
import { startNamed, type NamedTarget } from "./targets.js";
import { sleep } from "../support/clients.js";

interface IdleOptions {
  counts: number[];
  /** How long the visitors sit idle before the first reading (no forced GC): what V8's memory reducer gives back by itself. */
  settleSeconds: number;
  /** File name under results/ (BENCH_RESULT_NAME, default idle). */
  resultName: string;
  loadProcesses: number;
  log: (line: string) => void;
  write: (name: string, result: object) => void;
  machine: () => object;
}

const kib = (pid: number, field: "VmRSS" | "VmHWM") => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);

interface Reading {
  rssKiB: number;
  heapUsedKiB: number;
  heapTotalKiB: number;
  externalKiB: number;
}

/** The server's memory right after a full garbage collection (memory-probe.cjs answers SIGUSR2): live objects only. */
async function collectedMemory(pid: number, dir: string): Promise<Reading> {
  await collectOnce(pid, dir);
  // V8 gives pages back to the system some seconds after the GCs that freed them: wait while RSS still falls.
  let previous = kib(pid, "VmRSS");
  for (let second = 0; second < 30; second++) {
    await sleep(1000);
    const now = kib(pid, "VmRSS");
    if (now > previous * 0.995 && second >= 3) break;
    previous = Math.min(previous, now);
  }
  return collectOnce(pid, dir);
}

async function collectOnce(pid: number, dir: string): Promise<Reading> {
  const file = join(dir, `memory-${pid}.json`);
  const before = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { reading: number }).reading : 0;
  process.kill(pid, "SIGUSR2");
  for (let waited = 0; waited < 30_000; waited += 50) {
    await sleep(50);
    if (!existsSync(file)) continue;
    const m = JSON.parse(readFileSync(file, "utf8")) as { reading: number; heapUsed: number; heapTotal: number; external: number };
    if (m.reading > before) return { rssKiB: kib(pid, "VmRSS"), heapUsedKiB: Math.round(m.heapUsed / 1024), heapTotalKiB: Math.round(m.heapTotal / 1024), externalKiB: Math.round(m.external / 1024) };
  }
  throw new Error(`server ${pid} did not report its memory`);
}

/** The soft limit on open files of this process (inherited by every child the bench starts). */
export function openFileLimit(): number {
  const line = readFileSync("/proc/self/limits", "utf8").split("\n").find((l) => l.startsWith("Max open files"));
  return Number(line?.split(/\s+/)[3] ?? NaN);
}

async function measure(target: NamedTarget, count: number, loadProcesses: number, dir: string, settleSeconds: number) {
  const pid = target.pids[0]!;
  const baseline = await collectedMemory(pid, dir);
  const session = await LoadSession.open({ ...target, operatorTokens: [] }, loadProcesses);
  try {
    const began = Date.now();
    await session.connectIdle(count);
    const connectSeconds = (Date.now() - began) / 1000;
    // First as the server stands after a while of idle sockets (pings only), nothing forced; then after a full GC.
    await sleep(settleSeconds * 1000);
    const settledRssKiB = kib(pid, "VmRSS");
    const connected = await collectedMemory(pid, dir);
    const perKiB = (kibs: number) => Math.round((kibs / count) * 100) / 100;
    const per = (pick: (r: Reading) => number) => perKiB(pick(connected) - pick(baseline));
    return { baseline, connected, settledRssKiB, perVisitorKiB: per((r) => r.rssKiB), settledPerVisitorKiB: perKiB(settledRssKiB - baseline.rssKiB), heapPerVisitorKiB: per((r) => r.heapUsedKiB + r.externalKiB), connectSeconds };
  } finally {
    await session.close();
  }
}

export async function runIdle(options: IdleOptions): Promise<number> {
  const limit = openFileLimit();
  const needed = Math.max(...options.counts) + 1024;
  // The server holds one descriptor per visitor plus its own; the generators split the visitors between them.
  if (limit < needed) throw new Error(`${Math.max(...options.counts)} idle visitors need an open-file limit of at least ${needed} (now ${limit}): run \`ulimit -n ${needed}\` in this shell first`);
  const startedAt = new Date().toISOString();
  const machineAtStart = options.machine();
  type Measured = Awaited<ReturnType<typeof measure>>;
  const rows: Array<{ visitors: number; bare: Measured; product: Measured; ratio: number; settledRatio: number; heapRatio: number }> = [];
  for (const count of options.counts) {
    const result: Record<string, Measured> = {};
    for (const name of ["relay", "product-sqlite"] as const) {
      const dir = mkdtempSync(join(tmpdir(), "live-chat-memory-"));
      const target = await startNamed(name, 0, { postgresUrl: "", redisUrl: "", memoryDir: dir });
      try {
        result[name] = await measure(target, count, options.loadProcesses, dir, options.settleSeconds);
        options.log(`idle ${count}: ${name} ${JSON.stringify(result[name])}`);
      } finally {
        // Thousands of visitors leaving at once keep the product's shutdown busy: a slow stop is reported, not fatal.
        await target.stop().catch((err: unknown) => options.log(`idle ${count}: ${name} stopped slowly: ${String(err).split("\n")[0]}`));
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const bare = result.relay!;
    const product = result["product-sqlite"]!;
    const ratio = (pick: (m: Measured) => number) => Math.round((pick(product) / pick(bare)) * 100) / 100;
    rows.push({ visitors: count, bare, product, ratio: ratio((m) => m.perVisitorKiB), settledRatio: ratio((m) => m.settledPerVisitorKiB), heapRatio: ratio((m) => m.heapPerVisitorKiB) });
  }
  process.stdout.write(`\nidle visitors: server memory per connection, KiB: RSS after a full GC (RSS after ${options.settleSeconds} s idle, nothing forced; V8 heap + external after the GC), open-file limit ${limit}\n`);
  for (const r of rows) process.stdout.write(`  ${String(r.visitors).padStart(6)}  bare ${r.bare.perVisitorKiB} (${r.bare.settledPerVisitorKiB}; ${r.bare.heapPerVisitorKiB})  product ${r.product.perVisitorKiB} (${r.product.settledPerVisitorKiB}; ${r.product.heapPerVisitorKiB})  ratio ${r.ratio}× (${r.settledRatio}×; ${r.heapRatio}×)  handshakes ${r.bare.connectSeconds} s / ${r.product.connectSeconds} s\n`);
  options.write(options.resultName, { startedAt, machine: { ...machineAtStart, atEnd: options.machine() }, openFileLimit: limit, settleSeconds: options.settleSeconds, rows });
  return 0;
}
