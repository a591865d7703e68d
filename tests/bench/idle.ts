// Idle connections: server memory per connected visitor that sends nothing, for the product and a bare
// Socket.IO server in the same run, read from the kernel (/proc/<pid>/status) with the sockets open.
import { readFileSync } from "node:fs";
import { LoadSession } from "./load.js";
import { startNamed, type NamedTarget } from "./targets.js";
import { sleep } from "../support/clients.js";

interface IdleOptions {
  counts: number[];
  loadProcesses: number;
  log: (line: string) => void;
  write: (name: string, result: object) => void;
  machine: () => object;
}

const kib = (pid: number, field: "VmRSS" | "VmHWM") => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);

/** Resident memory once it stops moving: the median of a few readings a second apart (a GC may run between). */
async function settledRss(pid: number): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    await sleep(1000);
    readings.push(kib(pid, "VmRSS"));
  }
  return readings.sort((a, b) => a - b)[2]!;
}

/** The soft limit on open files of this process (inherited by every child the bench starts). */
export function openFileLimit(): number {
  const line = readFileSync("/proc/self/limits", "utf8").split("\n").find((l) => l.startsWith("Max open files"));
  return Number(line?.split(/\s+/)[3] ?? NaN);
}

async function measure(target: NamedTarget, count: number, loadProcesses: number): Promise<{ baselineKiB: number; connectedKiB: number; perVisitorKiB: number; connectSeconds: number }> {
  const pid = target.pids[0]!;
  const baselineKiB = await settledRss(pid);
  const session = await LoadSession.open({ ...target, operatorTokens: [] }, loadProcesses);
  try {
    const began = Date.now();
    await session.connectIdle(count);
    const connectSeconds = (Date.now() - began) / 1000;
    const connectedKiB = await settledRss(pid);
    return { baselineKiB, connectedKiB, perVisitorKiB: Math.round(((connectedKiB - baselineKiB) / count) * 100) / 100, connectSeconds };
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
  const rows: Array<{ visitors: number; bare: object; product: object; ratio: number; productPerVisitorKiB: number }> = [];
  for (const count of options.counts) {
    const result: Record<string, { perVisitorKiB: number }> = {};
    for (const name of ["relay", "product-sqlite"] as const) {
      const target = await startNamed(name, 0, { postgresUrl: "", redisUrl: "" });
      try {
        result[name] = await measure(target, count, options.loadProcesses);
        options.log(`idle ${count}: ${name} ${JSON.stringify(result[name])}`);
      } finally {
        await target.stop();
      }
    }
    const ratio = Math.round((result["product-sqlite"]!.perVisitorKiB / result.relay!.perVisitorKiB) * 100) / 100;
    rows.push({ visitors: count, bare: result.relay!, product: result["product-sqlite"]!, ratio, productPerVisitorKiB: result["product-sqlite"]!.perVisitorKiB });
  }
  process.stdout.write(`\nidle visitors: server memory per connection (RSS, KiB), open-file limit ${limit}\n`);
  for (const r of rows) process.stdout.write(`  ${String(r.visitors).padStart(6)}  bare ${String((r.bare as { perVisitorKiB: number }).perVisitorKiB).padStart(7)}  product ${String(r.productPerVisitorKiB).padStart(7)}  ratio ${r.ratio}×\n`);
  options.write("idle", { startedAt, machine: { ...machineAtStart, atEnd: options.machine() }, openFileLimit: limit, rows });
  return 0;
}
