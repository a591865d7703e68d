// The bench still runs and loses nothing: one short ramp step on SQLite, on PostgreSQL and on two nodes
// (PostgreSQL + Redis, every operator on the other node than its visitors). Times are not asserted here.
import { describe, expect, it } from "vitest";
import { runRamp, type RampOptions } from "../bench/ramp.js";
import type { TargetName } from "../bench/targets.js";
import { POSTGRES_URL, REDIS_URL, requireServices } from "../support/services.js";
import { existsSync, readdirSync } from "node:fs";
import { CpuGroup } from "../bench/cpu.js";

const available = await requireServices(["postgres", "redis"], "the bench smoke test");
const CPU_ROOT = "/sys/fs/cgroup/cpu";
/** The capped form needs a writable cgroup v1 cpu controller (root on such a machine); elsewhere it is skipped. */
const cgroupWritable = (() => {
  try {
    CpuGroup.create("probe", 0.5).remove();
    return true;
  } catch {
    return false;
  }
})();
const ourGroups = () => (existsSync(CPU_ROOT) ? readdirSync(CPU_ROOT).filter((n) => n.startsWith(`live-chat-bench-${process.pid}-`)) : []);

const smoke: RampOptions = {
  startRate: 40,
  factor: 1.5,
  startVisitors: 20,
  maxVisitors: 20,
  maxSteps: 1,
  warmupSeconds: 0.5,
  stepSeconds: 2,
  p99LimitMs: Infinity,
  loadProcesses: 1,
  postgresUrl: POSTGRES_URL,
  redisUrl: REDIS_URL,
};

describe.skipIf(!available)("the bench's smoke form", () => {
  it.each<TargetName>(["product-sqlite", "product-postgresql", "cluster2-postgresql"])("%s: every message sent is acknowledged, delivered once and stored once in order", { timeout: 60_000 }, async (name) => {
    const result = await runRamp(name, smoke);
    expect(result.steps).toHaveLength(1);
    const [step] = result.steps;
    const s = step!.summary;
    expect(s.sent).toBe(Math.round((smoke.warmupSeconds + smoke.stepSeconds) * 2) * smoke.startVisitors);
    expect(s.ackErrors).toEqual([]);
    expect(s.acknowledged).toBe(s.sent);
    expect(s.delivered).toBe(s.sent);
    expect(s.duplicatesDelivered).toBe(0);
    expect(s.alteredBodies).toBe(0);
    expect(s.disconnects).toEqual([]);
    expect(step!.sameNodeAssignments).toBe(0);
    // Each node's main thread slept and woke while it served (read from /proc for every node).
    expect(step!.cpu.wakeupsPerMessage).toHaveLength(name === "cluster2-postgresql" ? 2 : 1);
    for (const w of step!.cpu.wakeupsPerMessage) expect(w).toBeGreaterThan(0);
    expect(result.storage?.problems).toEqual([]);
    expect(result.storage?.stored).toBe(s.acknowledged);
    expect(result.serverErrors).toEqual([]);
  });

  it.skipIf(!cgroupWritable)("cluster2-postgresql with each node capped at half a core: loses nothing, measures each node's CPU and removes its groups", { timeout: 60_000 }, async () => {
    const result = await runRamp("cluster2-postgresql", { ...smoke, nodeCpu: 0.5 });
    const [step] = result.steps;
    const s = step!.summary;
    expect(result.nodeCpu).toBe(0.5);
    expect(s.acknowledged).toBe(s.sent);
    expect(s.delivered).toBe(s.sent);
    expect(s.duplicatesDelivered).toBe(0);
    expect(result.storage?.stored).toBe(s.acknowledged);
    // Both nodes worked (every chat crosses nodes), each within its cap, and Redis was asked for every message.
    expect(step!.cpu.nodes).toHaveLength(2);
    for (const cores of step!.cpu.nodeCores) expect(cores).toBeGreaterThan(0);
    for (const cores of step!.cpu.nodeCores) expect(cores).toBeLessThanOrEqual(0.5 * 1.1);
    expect(step!.cpu.throttledSeconds).toHaveLength(2);
    // (The default adapter publishes each message to its operator's room: one SPUBLISH at least.)
    expect(step!.cpu.redisCommandsPerMessage?.spublish).toBeGreaterThanOrEqual(1);
    expect(ourGroups()).toEqual([]);
  });
});
