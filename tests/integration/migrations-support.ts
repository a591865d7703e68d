// What the migration tests share: the committed migrations, the schema's tables, and a check by
// Prisma's own (WebAssembly) schema engine that a database migrated by our runner is up to date.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { noFilters, openSchemaEngine, readMigrationsList } from "../../scripts/schema-engine.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const prismaDir = join(root, "prisma");

/** The migration folders in `dir`, in the order Prisma applies them. */
export function migrationNamesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
}

// PostgreSQL hands back Dates; SQLite holds the RFC 3339 text Prisma's engine writes there.
function time(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  expect(value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
  return Date.parse(String(value));
}

/** `_prisma_migrations` rows (ordered by name) hold what `prisma migrate deploy` writes for `dir`. */
export function expectRecordedAsPrismaDoes(rows: Array<Record<string, unknown>>, dir: string): void {
  const names = migrationNamesIn(dir);
  expect(rows).toHaveLength(names.length);
  rows.forEach((row, i) => {
    const sql = readFileSync(join(dir, names[i]!, "migration.sql"));
    expect(row).toMatchObject({
      migration_name: names[i],
      checksum: createHash("sha256").update(sql).digest("hex"),
      logs: null,
      rolled_back_at: null,
      applied_steps_count: 1,
    });
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(time(row.finished_at)).toBeGreaterThanOrEqual(time(row.started_at));
  });
}

/** Table names of every model in the one source-of-truth schema. */
export function modelTables(): string[] {
  const schema = readFileSync(join(prismaDir, "schema.prisma"), "utf8");
  return [...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!).sort();
}

/**
 * Asks Prisma's schema engine, as `prisma migrate deploy`/`migrate dev` would, about a database
 * this project's runner migrated: nothing pending, nothing failed or edited, no drift.
 */
export async function expectPrismaSeesNothingPending(databaseUrl: string, migrationsDir: string): Promise<void> {
  const { engine, close } = await openSchemaEngine(databaseUrl);
  try {
    const migrationsList = readMigrationsList(migrationsDir);
    const diagnosis = await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: noFilters });
    expect(diagnosis).toMatchObject({ hasMigrationsTable: true, history: null, failedMigrationNames: [], editedMigrationNames: [] });
    // devDiagnostic replays the migrations on a shadow database and compares: "reset" would mean drift.
    expect((await engine.devDiagnostic({ migrationsList, filters: noFilters })).action).toEqual({ tag: "createMigration" });
    expect((await engine.applyMigrations({ migrationsList, filters: noFilters })).appliedMigrationNames).toEqual([]);
  } finally {
    await close();
  }
}
