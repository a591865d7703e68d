// Preloaded into a server child (NODE_OPTIONS --expose-gc --require) by the idle bench: on SIGUSR2 it
// collects garbage and writes the process's memory to BENCH_MEMORY_DIR, so readings hold live objects only.
const { writeFileSync, renameSync } = require("node:fs");
const { join } = require("node:path");

const dir = process.env.BENCH_MEMORY_DIR;
let reading = 0;
if (dir && typeof global.gc === "function") {
  process.on("SIGUSR2", () => {
    global.gc();
    global.gc();
    const file = join(dir, `memory-${process.pid}.json`);
    // Written whole and then renamed, so the reader never sees half a file.
    writeFileSync(`${file}.tmp`, JSON.stringify({ reading: ++reading, ...process.memoryUsage() }));
    renameSync(`${file}.tmp`, file);
  });
}
