// `npm start`: run the server on the configured port until told to stop.
import { loadConfig } from "./config.js";
import { startServer } from "./app.js";

/** A start that cannot go on (a bad setting, an unreachable database) says why in one line and exits. */
const server = await Promise.resolve()
  .then(() => startServer(loadConfig()))
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });

/** A graceful stop that has not finished by then gives way to a plain exit, logged. */
const STOP_DEADLINE_MS = 15_000;

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      server.ctx.log.error({ deadlineMs: STOP_DEADLINE_MS }, "graceful stop did not finish in time; exiting");
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        server.ctx.log.error({ err }, "graceful stop failed");
        process.exit(1);
      },
    );
  });
}
