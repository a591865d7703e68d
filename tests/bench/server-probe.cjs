// Preloaded into the server child (NODE_OPTIONS --require) when BENCH_PROFILE_DIR is set, because
// NODE_OPTIONS refuses --cpu-prof: samples the CPU and the event-loop delay, written when the process exits.
const { Session } = require("node:inspector");
const { monitorEventLoopDelay } = require("node:perf_hooks");
const { writeFileSync, mkdirSync } = require("node:fs");
const { join } = require("node:path");

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.start");
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // Inspector calls on the main thread answer synchronously, so this completes inside the exit handler.
  process.on("exit", () => {
    delay.disable();
    mkdirSync(dir, { recursive: true });
    const ms = (ns) => Math.round(ns / 1e4) / 100;
    const eventLoopDelay = { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) };
    writeFileSync(join(dir, `server-${process.pid}.event-loop-delay.json`), `${JSON.stringify(eventLoopDelay)}\n`);
    session.post("Profiler.stop", (err, result) => {
      if (!err) writeFileSync(join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
