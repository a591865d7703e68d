// On a fresh SQLite file the runner creates every table and records the migration as Prisma does;
// a second run applies nothing; a changed or failed migration stops the start with a clear error.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { applyMigrations, MigrationError } from "../../apps/server/src/store/migrate.js";
import { expectPrismaSeesNothingPending, expectRecordedAsPrismaDoes, migrationNamesIn, modelTables, prismaDir, root } from "./migrations-support.js";

const migrationNames = migrationNamesIn(join(prismaDir, "migrations"));

const run = promisify(execFile);

/** One server process starting: only the migration step, in its own Node process. */
async function nodeStarts(databaseUrl: string): Promise<{ applied: string[] }> {
  const script = `import { applyMigrations } from ${JSON.stringify(join(root, "apps/server/src/store/migrate.ts"))};
    console.log(JSON.stringify(await applyMigrations({ databaseUrl: process.argv[1], prismaDir: ${JSON.stringify(prismaDir)} })));`;
  const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, databaseUrl], { cwd: root });
  return JSON.parse(stdout) as { applied: string[] };
}

function freshFile(): string {
  return join(mkdtempSync(join(tmpdir(), "lc-migrate-")), "nested", "data", "chat.db");
}

/** A private copy of the prisma folder, so a test may edit a migration. */
function copiedPrismaDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "lc-prisma-")), "prisma");
  cpSync(join(prismaDir, "migrations"), join(dir, "migrations"), { recursive: true });
  return dir;
}

describe("migrations on SQLite", () => {
  it("create every table in a fresh file (and its folder), in WAL mode, and record each migration as Prisma does", async () => {
    const file = freshFile();
    const started = performance.now();
    const result = await applyMigrations({ databaseUrl: `file:${file}`, prismaDir });
    console.log(`SQLite: ${result.applied.length} migration(s) applied in ${Math.round(performance.now() - started)} ms`);
    expect(result).toEqual({ provider: "sqlite", applied: migrationNames });

    const db = new Database(file, { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining([...modelTables(), "_prisma_migrations"]));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    const rows = db.prepare("SELECT * FROM _prisma_migrations ORDER BY migration_name").all() as Array<Record<string, unknown>>;
    db.close();
    expectRecordedAsPrismaDoes(rows, join(prismaDir, "migrations"));
  });

  it("apply nothing the second time, and Prisma's own engine finds nothing pending and no drift", async () => {
    const file = freshFile();
    await applyMigrations({ databaseUrl: `file:${file}`, prismaDir });
    const started = performance.now();
    expect(await applyMigrations({ databaseUrl: `file:${file}`, prismaDir })).toEqual({ provider: "sqlite", applied: [] });
    console.log(`SQLite: up-to-date check in ${Math.round(performance.now() - started)} ms`);
    await expectPrismaSeesNothingPending(`file:${file}`, join(prismaDir, "migrations"));
  });

  it("let three nodes start at once on one fresh file: all succeed, each migration is applied once", async () => {
    const file = freshFile();
    const results = await Promise.all([1, 2, 3].map(() => nodeStarts(`file:${file}`)));
    expect(results.flatMap((r) => r.applied).sort()).toEqual(migrationNames);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM _prisma_migrations").get()).toEqual({ n: migrationNames.length });
    db.close();
  });

  it("refuse to start when an applied migration was edited afterwards", async () => {
    const dir = copiedPrismaDir();
    const file = freshFile();
    await applyMigrations({ databaseUrl: `file:${file}`, prismaDir: dir });
    const edited = join(dir, "migrations", migrationNames[0]!, "migration.sql");
    writeFileSync(edited, `${readFileSync(edited, "utf8")}\n-- edited\n`);
    await expect(applyMigrations({ databaseUrl: `file:${file}`, prismaDir: dir })).rejects.toThrow(/changed after it was applied/);
  });

  it("refuse to start when a migration failed before and was never resolved", async () => {
    const file = freshFile();
    await applyMigrations({ databaseUrl: `file:${file}`, prismaDir });
    const db = new Database(file);
    db.prepare("INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES ('failed-one', 'x', '99999999999999_broken', 'boom')").run();
    db.close();
    const attempt = applyMigrations({ databaseUrl: `file:${file}`, prismaDir });
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(/99999999999999_broken failed before/);
  });

  it("roll a failing migration back whole and record the attempt as rolled back", async () => {
    const dir = copiedPrismaDir();
    const file = freshFile();
    await applyMigrations({ databaseUrl: `file:${file}`, prismaDir: dir });
    const broken = join(dir, "migrations", "99999999999999_broken");
    cpSync(join(dir, "migrations", migrationNames[0]!), broken, { recursive: true });
    writeFileSync(join(broken, "migration.sql"), 'CREATE TABLE "Half" ("id" TEXT);\nTHIS IS NOT SQL;\n');
    await expect(applyMigrations({ databaseUrl: `file:${file}`, prismaDir: dir })).rejects.toThrow(/99999999999999_broken failed/);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'Half'").all()).toEqual([]);
    const row = db.prepare("SELECT logs, rolled_back_at, finished_at FROM _prisma_migrations WHERE migration_name = ?").get("99999999999999_broken") as Record<string, unknown>;
    db.close();
    expect(row.finished_at).toBeNull();
    expect(row.rolled_back_at).not.toBeNull();
    expect(String(row.logs)).toMatch(/syntax error/);
  });
});
