// Small servers on one machine: each node in a cgroup v1 cpu group capped at a share of a core (BENCH_NODE_CPU),
// and the CPU time every process of a run used (nodes, load generators, PostgreSQL, Redis), read from /proc.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const CPU_ROOT = process.env.BENCH_CGROUP_ROOT || "/sys/fs/cgroup/cpu";
// A short period: with the kernel's 100 ms a capped node that used its quota would stall up to 70 ms at a
// time, a latency no real small server shows; at 10 ms the cap is the same share with stalls of a few ms.
const PERIOD_US = 10_000;
/** Weight of a capped node (and of the load generators) against everything else on the machine: a nice-0 task weighs 1,024. */
const SHARES = 16_384;

export class CgroupUnavailable extends Error {}

/** One cpu cgroup of our own: its processes share `cores` of a core at most (none: no cap, only the weight). */
export class CpuGroup {
  private constructor(readonly path: string, private readonly root: string, readonly cores: number | undefined) {}

  static create(name: string, cores: number | undefined, root = CPU_ROOT): CpuGroup {
    const path = join(root, `live-chat-bench-${process.pid}-${name}`);
    try {
      if (!existsSync(join(root, "cpu.cfs_quota_us"))) throw new Error(`${root} has no cpu.cfs_quota_us (not a cgroup v1 cpu controller)`);
      mkdirSync(path);
      writeFileSync(join(path, "cpu.cfs_period_us"), String(PERIOD_US));
      writeFileSync(join(path, "cpu.cfs_quota_us"), cores === undefined ? "-1" : String(Math.max(1000, Math.round(cores * PERIOD_US))));
      writeFileSync(join(path, "cpu.shares"), String(SHARES));
    } catch (err) {
      try {
        if (existsSync(path)) rmdirSync(path);
      } catch {
        // Reported below with the first cause.
      }
      throw new CgroupUnavailable(`BENCH_NODE_CPU needs a writable cgroup v1 cpu controller at ${root} (run as root; set BENCH_CGROUP_ROOT to mount it elsewhere): ${err instanceof Error ? err.message : String(err)}`);
    }
    return new CpuGroup(path, root, cores);
  }

  /** Moves a whole process (every thread) into the group. */
  add(pid: number): void {
    writeFileSync(join(this.path, "cgroup.procs"), String(pid));
  }

  /** How often the cap held the group back, and for how long. */
  throttling(): { periods: number; throttledPeriods: number; throttledSeconds: number } {
    const stat = Object.fromEntries(readFileSync(join(this.path, "cpu.stat"), "utf8").trim().split("\n").map((l) => l.split(" ") as [string, string]));
    return { periods: Number(stat.nr_periods ?? 0), throttledPeriods: Number(stat.nr_throttled ?? 0), throttledSeconds: Number(stat.throttled_time ?? 0) / 1e9 };
  }

  /** Hands any process still inside back to the root group, then removes the group. */
  remove(): void {
    if (!existsSync(this.path)) return;
    for (const pid of readFileSync(join(this.path, "cgroup.procs"), "utf8").split("\n").filter(Boolean)) {
      try {
        writeFileSync(join(this.root, "cgroup.procs"), pid);
      } catch {
        // It exited meanwhile.
      }
    }
    rmdirSync(this.path);
  }
}

/** Removes groups a killed bench left behind (this naming only, never anyone else's). */
export function removeStaleGroups(): void {
  if (!existsSync(CPU_ROOT)) return;
  for (const name of readdirSync(CPU_ROOT)) {
    const match = /^live-chat-bench-(\d+)-/.exec(name);
    if (!match || Number(match[1]) === process.pid || existsSync(`/proc/${match[1]}`)) continue;
    try {
      rmdirSync(join(CPU_ROOT, name));
    } catch {
      // Still has processes: leave it.
    }
  }
}

const CLOCK_TICKS = 100;

/** User + system CPU seconds a process has used so far (0 once it is gone). */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces: count the fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/**
 * How often a process's main thread went to sleep waiting for something and was woken again
 * (voluntary context switches, /proc/<pid>/status of the thread-group leader; 0 once it is gone).
 * An event loop that sleeps between messages pays one wake-up each; a busy one serves many per wake-up.
 */
export function processWakeups(pid: number): number {
  try {
    const match = /^voluntary_ctxt_switches:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Every process whose command name is `comm` (e.g. all PostgreSQL backends, the Redis server). */
export function pidsNamed(comm: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === comm) pids.push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  return pids;
}

export interface CpuSample {
  at: number;
  /** CPU seconds so far of each process, by group. */
  groups: { nodes: Array<[number, number]>; loadGenerators: Array<[number, number]>; postgres: Array<[number, number]>; redis: Array<[number, number]> };
  /** Wake-ups of each node's main thread so far. */
  nodeWakeups: number[];
}

export interface CpuUse {
  seconds: number;
  /** CPU seconds each node used in the interval, and as a share of one core. */
  nodes: number[];
  nodeCores: number[];
  loadGeneratorCores: number;
  postgresCores: number;
  redisCores: number;
  /** Wake-ups of each node's main thread in the interval. */
  nodeWakeups: number[];
}

/** Who to watch during a run: the nodes, the load generators (the coordinator included), PostgreSQL and Redis. */
export class CpuMeter {
  constructor(private readonly nodePids: number[], private readonly loadPids: () => number[]) {}

  sample(): CpuSample {
    const read = (pids: number[]) => pids.map((pid) => [pid, processCpuSeconds(pid)] as [number, number]);
    return { at: Date.now(), groups: { nodes: read(this.nodePids), loadGenerators: read([process.pid, ...this.loadPids()]), postgres: read(pidsNamed("postgres")), redis: read(pidsNamed("redis-server")) }, nodeWakeups: this.nodePids.map(processWakeups) };
  }

  static between(a: CpuSample, b: CpuSample): CpuUse {
    const seconds = (b.at - a.at) / 1000;
    // What each process used between the samples: one born in between counts from zero, one gone is left out.
    const delta = (group: keyof CpuSample["groups"]) => {
      const before = new Map(a.groups[group]);
      return b.groups[group].map(([pid, s]) => (s > 0 ? s - (before.get(pid) ?? 0) : 0));
    };
    const sum = (xs: number[]) => xs.reduce((n, x) => n + x, 0);
    const cores = (x: number) => Math.round((x / seconds) * 1000) / 1000;
    const nodes = delta("nodes");
    return { seconds, nodes: nodes.map((v) => Math.round(v * 100) / 100), nodeCores: nodes.map(cores), loadGeneratorCores: cores(sum(delta("loadGenerators"))), postgresCores: cores(sum(delta("postgres"))), redisCores: cores(sum(delta("redis"))), nodeWakeups: b.nodeWakeups.map((w, i) => Math.max(0, w - (a.nodeWakeups[i] ?? 0))) };
  }
}

/** Calls per Redis command so far (INFO commandstats): the cluster's round trips, counted by Redis itself. */
export async function redisCommandCalls(client: { info: (section: string) => Promise<string> }): Promise<Map<string, number>> {
  const calls = new Map<string, number>();
  for (const line of (await client.info("commandstats")).split("\n")) {
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
    if (match) calls.set(match[1]!, Number(match[2]));
  }
  return calls;
}

/** Redis commands per message between two counts, the commands that moved only (the whole Redis server's, so anyone else's too). */
export function perMessage(before: Map<string, number>, after: Map<string, number>, messages: number): Record<string, number> {
  const out: Record<string, number> = {};
  let total = 0;
  for (const [name, n] of after) {
    const d = n - (before.get(name) ?? 0);
    if (d <= 0 || name === "info") continue;
    total += d;
    out[name] = Math.round((d / messages) * 100) / 100;
  }
  out.total = Math.round((total / messages) * 100) / 100;
  return out;
}
