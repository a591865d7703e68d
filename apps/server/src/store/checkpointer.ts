// SQLite's automatic WAL checkpoint runs inside a commit and fsyncs: a stall on the message path every
// few dozen messages. Instead a worker thread with its own connection checkpoints in the background
// (PASSIVE: never blocks the server's writes), and the server's connection never checkpoints itself.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 1000");
const timer = setInterval(() => {
  try {
    // PASSIVE only: TRUNCATE would take the write lock and stall the server's commits. The WAL does not grow
    // without bound: once a checkpoint has caught up, the server's next commit starts it over from the top.
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
}, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (m !== "stop") return;
  clearInterval(timer);
  try { db.pragma("wal_checkpoint(TRUNCATE)"); } catch {}
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

export function startCheckpointer(file: string, onError: (message: string) => void, intervalMs = 500): () => Promise<void> {
  const module = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER, { eval: true, workerData: { file, module, intervalMs } });
  worker.unref();
  worker.on("message", (m: { error?: string }) => m.error && onError(m.error));
  worker.on("error", (err) => onError(err.message));
  return () =>
    new Promise<void>((resolve) => {
      const timeout = setTimeout(() => void worker.terminate().then(() => resolve()), 2000);
      worker.once("message", () => {
        clearTimeout(timeout);
        void worker.terminate().then(() => resolve());
      });
      worker.postMessage("stop");
    });
}
