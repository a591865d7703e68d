// Starts the built server (apps/server/dist/main.js) as a real child process on a free loopback
// port with its own fresh database, for tests that need a whole process (restarts, browsers).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ADMIN } from "./clients.js";
import { clusterKeyPrefix, freshDatabaseUrl } from "./database.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const SERVER_MAIN = join(root, "apps/server/dist/main.js");
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 20_000;

export interface SpawnedProcess {
  url: string;
  process: ChildProcess;
  /** Everything the process wrote to stdout and stderr, once each. */
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

export interface SpawnedServer extends SpawnedProcess {
  databaseUrl: string;
  env: Record<string, string>;
}

/** Runs `node <args>` and resolves once its output announces a URL (the first group `urlPattern` captures). */
export async function spawnUntilUrl(args: string[], options: { env?: Record<string, string>; urlPattern: RegExp; label: string }): Promise<SpawnedProcess> {
  const child = spawn(process.execPath, args, { ...(options.env ? { env: options.env } : {}), stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const collect = (chunk: Buffer) => (out += chunk.toString());
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A process that never said where it listens would outlive the test run: stop it.
      child.kill("SIGKILL");
      reject(new Error(`${options.label} did not start in time:\n${out}`));
    }, START_TIMEOUT_MS);
    const onData = () => {
      const match = options.urlPattern.exec(out);
      const found = match?.slice(1).find((group) => group !== undefined);
      if (found === undefined) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      resolve(found);
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.label} exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    process: child,
    output: () => out,
    // A graceful stop (SIGTERM) must end in a clean exit, promptly: anything else is a defect,
    // reported with the end of what the process wrote.
    stop: (signal = "SIGTERM") =>
      new Promise<void>((resolve, reject) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const tail = () => out.slice(-4000);
        const hung = setTimeout(() => {
          child.kill("SIGKILL");
          reject(new Error(`${options.label} did not stop within ${STOP_TIMEOUT_MS} ms of ${signal}:\n${tail()}`));
        }, STOP_TIMEOUT_MS);
        child.once("exit", (code) => {
          clearTimeout(hung);
          if (signal === "SIGTERM" && code !== null && code !== 0) reject(new Error(`${options.label} stopped with exit code ${code}:\n${tail()}`));
          else resolve();
        });
        child.kill(signal);
      }),
  };
}

export async function spawnServer(options: { env?: Record<string, string>; databaseUrl?: string; port?: number } = {}): Promise<SpawnedServer> {
  const databaseUrl = options.databaseUrl ?? (await freshDatabaseUrl(mkdtempSync(join(tmpdir(), "live-chat-"))));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: String(options.port ?? 0),
    DATABASE_URL: databaseUrl,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    // Named up front, so specs meet the inbox without the first-sign-in name dialog (its own spec unsets it).
    ADMIN_NAME: "Admin",
    LOG_LEVEL: "info",
    // Specs open many visitors from 127.0.0.1, as if from one address; abuse-*.test.ts sets the real budgets.
    VISITOR_CONNECT_LIMIT: "10000",
    VISITOR_ADDRESS_LIMIT_SCALE: "100",
    REDIS_KEY_PREFIX: clusterKeyPrefix(databaseUrl),
    ...options.env,
  };
  const server = await spawnUntilUrl([SERVER_MAIN], {
    env,
    urlPattern: /"listening".*?"url":"(http:\/\/[^"]+)"|"url":"(http:\/\/[^"]+)".*?"listening"/,
    label: "server",
  });
  return { ...server, databaseUrl, env };
}
