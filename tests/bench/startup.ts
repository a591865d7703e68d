// Start-up time: from spawning the built server (what `npm start` runs once its build is done) to the
// first healthy answer of GET /healthz, on a fresh database (migrations included) and on an existing one.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ADMIN, sleep } from "../support/clients.js";
import { SERVER_MAIN } from "../support/spawn-server.js";

interface StartupOptions {
  log: (line: string) => void;
  write: (name: string, result: object) => void;
  machine: () => object;
}

const RUNS = 3;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Milliseconds from spawn to the first 200 of /healthz; the process is stopped again afterwards. */
async function timeToHealthy(databaseUrl: string): Promise<number> {
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), DATABASE_URL: databaseUrl, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it was healthy`);
      if (performance.now() - began > 120_000) throw new Error("the server was not healthy within 120 s");
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) return Math.round(performance.now() - began);
      await sleep(10);
    }
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runStartup(options: StartupOptions): Promise<number> {
  const startedAt = new Date().toISOString();
  const machineAtStart = options.machine();
  const fresh: number[] = [];
  const existing: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), "live-chat-startup-"));
    try {
      const url = `file:${join(dir, "chat.db")}`;
      fresh.push(await timeToHealthy(url));
      existing.push(await timeToHealthy(url));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const result = { freshDatabaseMs: { median: median(fresh), runs: fresh }, existingDatabaseMs: { median: median(existing), runs: existing } };
  process.stdout.write(`\nstart-up to a healthy /healthz (SQLite): fresh database ${result.freshDatabaseMs.median} ms (${fresh.join(", ")}), existing ${result.existingDatabaseMs.median} ms (${existing.join(", ")})\n`);
  options.write("startup", { startedAt, machine: { ...machineAtStart, atEnd: options.machine() }, ...result });
  return 0;
}
