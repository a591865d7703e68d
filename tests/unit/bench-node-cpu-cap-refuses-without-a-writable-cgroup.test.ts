// The bench's small-server cap says plainly why it cannot run where no writable cgroup v1 cpu controller is mounted.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CgroupUnavailable, CpuGroup } from "../bench/cpu.js";

describe("BENCH_NODE_CPU without a cgroup", () => {
  it("refuses with a message naming the variable and the controller's path, and leaves nothing behind", () => {
    const notACgroup = mkdtempSync(join(tmpdir(), "no-cgroup-"));
    let error: unknown;
    try {
      CpuGroup.create("node0", 0.3, notACgroup);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CgroupUnavailable);
    expect((error as Error).message).toMatch(/^BENCH_NODE_CPU needs a writable cgroup v1 cpu controller at .*no-cgroup-/);
    expect(readdirSync(notACgroup)).toEqual([]);
  });
});
