// The bench still runs and loses nothing: one short ramp step on SQLite, on PostgreSQL and on two nodes
// (PostgreSQL + Redis, every operator on the other node than its visitors). Times are not asserted here.
import { describe, expect, it } from "vitest";
import { runRamp, type RampOptions } from "../bench/ramp.js";
import type { TargetName } from "../bench/targets.js";
import { POSTGRES_URL, REDIS_URL, requireServices } from "../support/services.js";

const available = await requireServices(["postgres", "redis"], "the bench smoke test");

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
    expect(result.storage?.problems).toEqual([]);
    expect(result.storage?.stored).toBe(s.acknowledged);
    expect(result.serverErrors).toEqual([]);
  });
});
