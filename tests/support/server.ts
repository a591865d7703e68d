// Starts the real server in this process on an ephemeral loopback port with a fresh database.
import { mkdtempSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../apps/server/src/config.js";
import { startServer, type RunningServer } from "../../apps/server/src/app.js";
import { clusterKeyPrefix, freshDatabaseUrl } from "./database.js";
import { ADMIN, login } from "./clients.js";
import { standIn } from "./stand-in.js";

export interface TestServer extends RunningServer {
  databaseUrl: string;
  adminToken: string;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const databaseUrl = env.DATABASE_URL ?? (await freshDatabaseUrl(mkdtempSync(join(tmpdir(), "live-chat-"))));
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    // Named up front, so specs meet the inbox without the first-sign-in name dialog (its own spec unsets it).
    ADMIN_NAME: "Admin",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
    // The whole cluster suite can run on another adapter: CLUSTER_ADAPTER=batched npx vitest run tests/integration/cluster-*.
    ...(process.env.CLUSTER_ADAPTER ? { CLUSTER_ADAPTER: process.env.CLUSTER_ADAPTER } : {}),
    // Suites open hundreds of visitors from 127.0.0.1, as if from one address; abuse-*.test.ts sets the real budgets.
    VISITOR_CONNECT_LIMIT: "10000",
    VISITOR_ADDRESS_LIMIT_SCALE: "100",
    REDIS_KEY_PREFIX: clusterKeyPrefix(databaseUrl),
    ...env,
    DATABASE_URL: databaseUrl,
  });
  const server = await startServer(config);
  const { token } = await login(server.url);
  return Object.assign(server, { databaseUrl, adminToken: token });
}

/**
 * The server of one test file: started before its first test, closed after its last. The value
 * stands for that server from then on; touching it outside a test is an error that says so.
 */
export function useTestServer(env: Record<string, string> = {}): TestServer {
  let current: TestServer | undefined;
  beforeAll(async () => {
    current = await startTestServer(env);
  });
  afterAll(() => current?.close());
  return standIn(() => current, "the test server");
}
