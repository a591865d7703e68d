// CLUSTER_ADAPTER, CLUSTER_BATCH_MS and CLUSTER_ROUTING: a wrong value stops the server at start with what it accepts.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../apps/server/src/config.js";

describe("the cluster adapter and routing settings", () => {
  it("default to the sharded adapter and batching within one event-loop turn", () => {
    const config = loadConfig({});
    expect(config.clusterAdapter).toBe("sharded");
    expect(config.clusterBatchMs).toBe(0);
    expect(config.clusterRouting).toBe("fair");
  });

  it("take the three adapters and a linger time in whole milliseconds", () => {
    for (const kind of ["batched", "sharded", "streams"] as const) expect(loadConfig({ CLUSTER_ADAPTER: kind }).clusterAdapter).toBe(kind);
    expect(loadConfig({ CLUSTER_ADAPTER: "batched", CLUSTER_BATCH_MS: "5" }).clusterBatchMs).toBe(5);
    expect(loadConfig({ CLUSTER_ROUTING: "local-first" }).clusterRouting).toBe("local-first");
    expect(loadConfig({ CLUSTER_ROUTING: "fair" }).clusterRouting).toBe("fair");
  });

  it("refuse an unknown adapter and a linger time that is not 0 to 1000 whole milliseconds", () => {
    expect(() => loadConfig({ CLUSTER_ADAPTER: "kafka" })).toThrow('CLUSTER_ADAPTER must be "batched", "sharded" or "streams", not "kafka"');
    expect(() => loadConfig({ CLUSTER_ROUTING: "nearest" })).toThrow('CLUSTER_ROUTING must be "fair" or "local-first", not "nearest"');
    for (const bad of ["-1", "2.5", "soon", "1001"]) expect(() => loadConfig({ CLUSTER_BATCH_MS: bad })).toThrow(`CLUSTER_BATCH_MS must be a whole number of milliseconds from 0 to 1000, not "${bad}"`);
  });
});
