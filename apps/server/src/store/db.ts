// The database's type and what its URL says: which provider, which file, which schema.
// Both generated clients have the same models; the SQLite client's type stands for both.
import { resolve } from "node:path";
import type { PrismaClient as SqliteClient } from "../generated/sqlite/client.js";

export type Db = SqliteClient;
export type Provider = "sqlite" | "postgresql";

export function providerOf(databaseUrl: string): Provider {
  if (databaseUrl.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return "postgresql";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL), got "${databaseUrl.split(":")[0]}:"`);
}

export function sqlitePath(databaseUrl: string): string {
  const path = databaseUrl.slice("file:".length).split("?")[0] ?? "";
  if (path === "") throw new Error("DATABASE_URL file: names no file");
  return resolve(path);
}

/**
 * The connection string without Prisma's `schema` parameter, and that schema: `public` when none is
 * given, as Prisma and the migrations assume. Stating it also keeps a schema named after the
 * database user (first on PostgreSQL's default search_path) from catching the raw statements.
 */
export function splitPostgresUrl(databaseUrl: string): { connectionString: string; schema: string } {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema") || "public";
  url.searchParams.delete("schema");
  return { connectionString: url.toString(), schema };
}
