// Tests that need PostgreSQL or Redis: fail with a clear message in CI, say they were skipped elsewhere.
import { connect } from "node:net";
import { testPostgresUrl } from "./database.js";

export const POSTGRES_URL = testPostgresUrl ?? "postgresql://postgres@127.0.0.1:5432/test";
export const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379";

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname || "127.0.0.1", port: Number(port) || defaultPort });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1500, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Resolves true when the services are there; in CI a missing service is an error, elsewhere a skip. */
export async function requireServices(names: Array<"postgres" | "redis">, suite: string): Promise<boolean> {
  const missing: string[] = [];
  if (names.includes("postgres") && !(await reachable(POSTGRES_URL, 5432))) missing.push(`PostgreSQL at ${POSTGRES_URL}`);
  if (names.includes("redis") && !(await reachable(REDIS_URL, 6379))) missing.push(`Redis at ${REDIS_URL}`);
  if (missing.length === 0) return true;
  const message = `${suite} needs ${missing.join(" and ")}, which is not reachable`;
  if (process.env.CI === "true") throw new Error(`${message}. CI must provide it.`);
  console.warn(`SKIPPED: ${message}.`);
  return false;
}
