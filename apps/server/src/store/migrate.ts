// Applies the committed Prisma migrations at start, without Prisma's native engine, and records
// them in `_prisma_migrations` exactly as `prisma migrate deploy` does, so the stock CLI and this
// runner can take turns on the same database.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf, splitPostgresUrl, sqlitePath, type Provider } from "./db.js";

export interface ApplyMigrationsOptions {
  databaseUrl: string;
  /** The folder holding `migrations/` (SQLite) and `postgres/migrations/` (PostgreSQL). */
  prismaDir: string;
  log?: (msg: string, data?: object) => void;
}

export interface ApplyMigrationsResult {
  provider: Provider;
  applied: string[];
}

/** The advisory lock key `prisma migrate` itself takes on PostgreSQL. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

const SQLITE_BUSY_TIMEOUT_MS = 30_000;

// Prisma's own definitions of the table, character for character for SQLite.
const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`;

const POSTGRES_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export class MigrationError extends Error {
  override name = "MigrationError";
}

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** Reads `<dir>/<name>/migration.sql` in the order Prisma applies them. */
function readMigrationFiles(dir: string): MigrationFile[] {
  if (!existsSync(dir)) throw new MigrationError(`no migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const file = join(dir, name, "migration.sql");
      if (!existsSync(file)) throw new MigrationError(`migration ${name} has no migration.sql`);
      const sql = readFileSync(file, "utf8");
      return { name, sql, checksum: sha256(sql) };
    });
}

/** Refuses a history Prisma would refuse; returns the migrations still to apply and the applied ones this build does not know. */
function pendingMigrations(files: MigrationFile[], rows: AppliedRow[]): { pending: MigrationFile[]; unknown: string[] } {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const failed = live.find((row) => row.finished_at === null);
  if (failed) {
    throw new MigrationError(
      `migration ${failed.migration_name} failed before and was left unfinished; repair the database, then mark it ` +
        `rolled back (npx prisma migrate resolve --rolled-back ${failed.migration_name}, or set rolled_back_at in _prisma_migrations)`,
    );
  }
  const applied = new Map(live.map((row) => [row.migration_name, row.checksum]));
  for (const file of files) {
    const checksum = applied.get(file.name);
    if (checksum !== undefined && checksum !== file.checksum && checksum !== sha256(file.sql.replaceAll("\r\n", "\n"))) {
      throw new MigrationError(`migration ${file.name} was changed after it was applied (checksum differs); restore the original migration.sql`);
    }
  }
  const known = new Set(files.map((file) => file.name));
  return { pending: files.filter((file) => !applied.has(file.name)), unknown: [...applied.keys()].filter((name) => !known.has(name)) };
}

function warnUnknown(unknown: string[], log: (msg: string, data?: object) => void): void {
  if (unknown.length > 0) log("database has migrations this build does not know", { migrations: unknown });
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

// SQLite stores Prisma's DATETIME columns as RFC 3339 text with an explicit offset.
const sqliteNow = (): string => new Date().toISOString().replace("Z", "+00:00");

// The URL helpers throw plain errors; callers of this module catch MigrationError.
function asMigrationError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new MigrationError(errorText(error));
  }
}

function migrateSqlite(file: string, files: MigrationFile[], log: (msg: string, data?: object) => void): string[] {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  const applied: string[] = [];
  try {
    db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    db.pragma("journal_mode = WAL");
    // Prisma's table redefinitions DROP parent tables; with foreign keys on, that would cascade
    // deletes, and PRAGMA foreign_keys is ignored inside a transaction, so switch it off up front.
    db.pragma("foreign_keys = OFF");
    let warned = false;
    for (;;) {
      db.exec("BEGIN IMMEDIATE");
      let migration: MigrationFile | undefined;
      try {
        db.exec(SQLITE_MIGRATIONS_TABLE);
        const rows = db
          .prepare("SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at")
          .all() as AppliedRow[];
        // Each migration is its own write transaction, so another node may apply one in between: re-read under the lock.
        const { pending, unknown } = pendingMigrations(files, rows);
        if (!warned) warnUnknown(unknown, log);
        warned = true;
        migration = pending[0];
        if (!migration) {
          db.exec("COMMIT");
          return applied;
        }
        const started = performance.now();
        const id = randomUUID();
        db.prepare(
          "INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name, applied_steps_count) VALUES (?, ?, ?, ?, 0)",
        ).run(id, migration.checksum, sqliteNow(), migration.name);
        db.exec(migration.sql);
        const violations = db.pragma("foreign_key_check") as unknown[];
        if (violations.length > 0) throw new MigrationError(`${violations.length} foreign key violations after the migration`);
        db.prepare("UPDATE _prisma_migrations SET finished_at = ?, applied_steps_count = 1 WHERE id = ?").run(sqliteNow(), id);
        db.exec("COMMIT");
        applied.push(migration.name);
        log("migration applied", { migration: migration.name, ms: Math.round(performance.now() - started) });
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        if (migration) recordSqliteFailure(db, migration, error);
        throw error instanceof MigrationError ? error : new MigrationError(`migration ${migration?.name ?? "setup"} failed: ${errorText(error)}`);
      }
    }
  } finally {
    db.close();
  }
}

// The failed attempt was rolled back whole, so it is recorded as rolled back: an audit line that
// blocks neither this runner nor `prisma migrate deploy` from trying again.
function recordSqliteFailure(db: Database.Database, migration: MigrationFile, error: unknown): void {
  db.prepare(
    "INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name, logs, rolled_back_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, ?, 0)",
  ).run(randomUUID(), migration.checksum, sqliteNow(), migration.name, errorText(error), sqliteNow());
}

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

async function migratePostgres(databaseUrl: string, files: MigrationFile[], log: (msg: string, data?: object) => void): Promise<string[]> {
  const { connectionString, schema } = splitPostgresUrl(databaseUrl);
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  try {
    const waitStarted = performance.now();
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    const waitedMs = Math.round(performance.now() - waitStarted);
    if (waitedMs > 1000) log("waited for another node's migration lock", { ms: waitedMs });
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query(`SET search_path TO ${quoteIdent(schema)}`);
      await client.query(POSTGRES_MIGRATIONS_TABLE);
      // Read once: the advisory lock is held until every pending migration is applied, so no other node writes the history meanwhile.
      const { rows } = await client.query<AppliedRow>(
        "SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at",
      );
      const { pending, unknown } = pendingMigrations(files, rows);
      warnUnknown(unknown, log);
      for (const migration of pending) {
        const started = performance.now();
        try {
          await client.query("BEGIN");
          const id = randomUUID();
          await client.query(
            "INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name, applied_steps_count) VALUES ($1, $2, $3, $4, 0)",
            [id, migration.checksum, new Date(), migration.name],
          );
          await client.query(migration.sql);
          await client.query("UPDATE _prisma_migrations SET finished_at = $1, applied_steps_count = 1 WHERE id = $2", [new Date(), id]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          await client.query(
            "INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name, logs, rolled_back_at, applied_steps_count) VALUES ($1, $2, $3, $4, $5, $6, 0)",
            [randomUUID(), migration.checksum, new Date(), migration.name, errorText(error), new Date()],
          );
          throw new MigrationError(`migration ${migration.name} failed: ${errorText(error)}`);
        }
        applied.push(migration.name);
        log("migration applied", { migration: migration.name, ms: Math.round(performance.now() - started) });
      }
      return applied;
    } finally {
      // A broken connection cannot unlock, but ending the session releases the lock anyway.
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

/**
 * Applies every pending migration for the database `databaseUrl` names: `file:` → SQLite (WAL
 * mode, relative paths from the working directory), `postgres(ql)://…[?schema=NAME]` → PostgreSQL.
 * Safe when several nodes start at once. Throws MigrationError when the history cannot be trusted.
 */
export async function applyMigrations(opts: ApplyMigrationsOptions): Promise<ApplyMigrationsResult> {
  const log = opts.log ?? (() => {});
  const provider = asMigrationError(() => providerOf(opts.databaseUrl));
  if (provider === "sqlite") {
    const files = readMigrationFiles(join(opts.prismaDir, "migrations"));
    return { provider, applied: migrateSqlite(asMigrationError(() => sqlitePath(opts.databaseUrl)), files, log) };
  }
  const files = readMigrationFiles(join(opts.prismaDir, "postgres", "migrations"));
  return { provider, applied: await migratePostgres(opts.databaseUrl, files, log) };
}
