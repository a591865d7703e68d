// On PostgreSQL the runner migrates a fresh schema named by ?schema=, records it as Prisma does,
// applies nothing the second time, and two nodes starting at once apply each migration once.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../apps/server/src/store/migrate.js";
import { POSTGRES_URL, requireServices } from "../support/services.js";
import { expectPrismaSeesNothingPending, expectRecordedAsPrismaDoes, migrationNamesIn, modelTables, prismaDir } from "./migrations-support.js";

const migrationsDir = join(prismaDir, "postgres", "migrations");
const migrationNames = migrationNamesIn(migrationsDir);

function withoutSchema(url: string): string {
  const u = new URL(url);
  u.searchParams.delete("schema");
  return u.toString();
}

const available = await requireServices(["postgres"], "migrations on PostgreSQL");
const created: string[] = [];

function freshSchemaUrl(): { url: string; schema: string } {
  const schema = `lc_migrate_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  created.push(schema);
  const u = new URL(withoutSchema(POSTGRES_URL));
  u.searchParams.set("schema", schema);
  return { url: u.toString(), schema };
}

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: withoutSchema(POSTGRES_URL) });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  if (!available || created.length === 0) return;
  await query(created.map((s) => `DROP SCHEMA IF EXISTS "${s}" CASCADE;`).join("\n"));
});

describe.skipIf(!available)("migrations on PostgreSQL", () => {
  it("create the schema named by ?schema= with every table, and record each migration as Prisma does", async () => {
    const { url, schema } = freshSchemaUrl();
    const started = performance.now();
    const result = await applyMigrations({ databaseUrl: url, prismaDir });
    console.log(`PostgreSQL: ${result.applied.length} migration(s) applied in ${Math.round(performance.now() - started)} ms`);
    expect(result).toEqual({ provider: "postgresql", applied: migrationNames });

    const tables = (await query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [schema])).map((t) => t.table_name);
    expect(tables).toEqual(expect.arrayContaining([...modelTables(), "_prisma_migrations"]));
    const rows = await query<Record<string, unknown>>(`SELECT * FROM "${schema}"._prisma_migrations ORDER BY migration_name`);
    expectRecordedAsPrismaDoes(rows, migrationsDir);
  });

  it("apply nothing the second time, and Prisma's own engine finds nothing pending and no drift", async () => {
    const { url } = freshSchemaUrl();
    await applyMigrations({ databaseUrl: url, prismaDir });
    const started = performance.now();
    expect(await applyMigrations({ databaseUrl: url, prismaDir })).toEqual({ provider: "postgresql", applied: [] });
    console.log(`PostgreSQL: up-to-date check in ${Math.round(performance.now() - started)} ms`);
    await expectPrismaSeesNothingPending(url, migrationsDir);
  });

  it("let two nodes start at once on a fresh schema: both succeed, each migration is applied once", async () => {
    const { url, schema } = freshSchemaUrl();
    const started = performance.now();
    const [a, b] = await Promise.all([applyMigrations({ databaseUrl: url, prismaDir }), applyMigrations({ databaseUrl: url, prismaDir })]);
    console.log(`PostgreSQL: two nodes at once done in ${Math.round(performance.now() - started)} ms`);
    expect([...a.applied, ...b.applied].sort()).toEqual(migrationNames);
    const rows = await query<{ migration_name: string }>(`SELECT migration_name FROM "${schema}"._prisma_migrations`);
    expect(rows.map((r) => r.migration_name).sort()).toEqual(migrationNames);
  });
});
