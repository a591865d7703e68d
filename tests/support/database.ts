// Which database a test server gets: a fresh SQLite file by default, or, when TEST_DATABASE_URL
// names a PostgreSQL server, a fresh schema in it (dropped by nobody: names are unique per run).
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";

export const testPostgresUrl = process.env.TEST_DATABASE_URL?.match(/^postgres(ql)?:\/\//) ? process.env.TEST_DATABASE_URL : undefined;

/** One cluster per database: the nodes (and restarts) of one test share Redis keys (limits, adapter channels), other tests' do not. */
export function clusterKeyPrefix(databaseUrl: string): string {
  return `live-chat-test-${createHash("sha256").update(databaseUrl).digest("hex").slice(0, 12)}`;
}

export function databaseKind(): "sqlite" | "postgresql" {
  return testPostgresUrl ? "postgresql" : "sqlite";
}

export async function freshDatabaseUrl(dir: string): Promise<string> {
  if (!testPostgresUrl) return `file:${join(dir, "chat.db")}`;
  const url = new URL(testPostgresUrl);
  url.searchParams.set("schema", `lc_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`);
  return url.toString();
}
