// `npm start`: run the server on the configured port until told to stop.
import { loadConfig } from "./config.js";
import { startServer } from "./app.js";

const config = loadConfig();
const server = await startServer(config).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
}
