import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    // Test files in one worker share its loaded modules instead of importing the server anew for each
    // file (import time 195 s → 13 s over a run on this 2-CPU machine; the whole run 348 s → 165 s).
    // Every file starts its own servers and databases and puts back what it changes (process.env.TZ,
    // Adapter.prototype.broadcast), so nothing depends on a fresh module registry.
    isolate: false,
    reporters: ["default"],
  },
});
