// `npm run migrate:new -- <name> [--replace-all]`: writes the next migration for SQLite and
// PostgreSQL, laid out exactly as `prisma migrate dev` would, using Prisma's WebAssembly schema
// engine (the native one cannot be downloaded here).
//
// The previous state is the existing migrations replayed on a shadow database: an in-memory SQLite
// database, and a throw-away schema in the PostgreSQL server at MIGRATE_POSTGRES_URL (default
// postgresql://postgres@127.0.0.1:5432/test). The first migration is diffed from empty.
// --replace-all deletes every existing migration and writes one from empty: only for a schema
// that has never been released. `--check` (no name) writes nothing and exits 1 when
// prisma/schema.prisma has changes no migration holds yet.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { lockfileText, noFilters, openSchemaEngine, readMigrationsList, splitPostgresUrl } from "./schema-engine.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const EMPTY_MIGRATION = "-- This is an empty migration.";

const targets = [
  {
    provider: "sqlite",
    schemaPath: join(root, "prisma/schema.prisma"),
    migrationsDir: join(root, "prisma/migrations"),
    engineUrl: "file::memory:",
  },
  {
    provider: "postgresql",
    schemaPath: join(root, "prisma/postgres/schema.prisma"),
    migrationsDir: join(root, "prisma/postgres/migrations"),
    engineUrl: process.env.MIGRATE_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test",
  },
];

function parseArgs(argv) {
  const flags = argv.filter((arg) => arg.startsWith("--"));
  const words = argv.filter((arg) => !arg.startsWith("--"));
  const unknown = flags.filter((flag) => flag !== "--replace-all" && flag !== "--check");
  const check = flags.includes("--check");
  if (words.length !== (check ? 0 : 1) || unknown.length > 0) {
    console.error("usage: npm run migrate:new -- <name> [--replace-all]  |  npm run migrate:new -- --check");
    process.exit(2);
  }
  const name = check ? "" : words[0].replace(/[^A-Za-z0-9_]/g, "_").slice(0, 200);
  return { name, check, replaceAll: flags.includes("--replace-all") };
}

/** UTC yyyymmddhhmmss, the prefix `prisma migrate dev` gives a migration folder. */
function timestamp(date = new Date()) {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

// A temp-schema shadow differs in name from the target schema, so the engine opens its script by
// creating the target schema; `prisma migrate dev` (shadow database with the same schema) does not.
function dropLeadingCreateSchema(script, schema) {
  const statement = `-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "${schema.replaceAll('"', '""')}";\n\n`;
  return script.startsWith(statement) ? script.slice(statement.length) : script;
}

async function computeMigration(target, fromEmpty) {
  const content = readFileSync(target.schemaPath, "utf8");
  const files = [{ path: target.schemaPath, content }];
  const { engine, close } = await openSchemaEngine(target.engineUrl, [[target.schemaPath, content]]);
  try {
    const existing = readMigrationsList(target.migrationsDir);
    const from =
      fromEmpty || existing.migrationDirectories.length === 0
        ? { tag: "empty" }
        : {
            tag: "migrations",
            ...existing,
            lockfile: { path: "migration_lock.toml", content: lockfileText(target.provider) },
          };
    const { stdout } = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const script = stdout ?? "";
    return target.provider === "postgresql" ? dropLeadingCreateSchema(script, splitPostgresUrl(target.engineUrl).schema) : script;
  } finally {
    await close();
  }
}

const { name, check, replaceAll } = parseArgs(process.argv.slice(2));

// Regenerates prisma/postgres/schema.prisma from the one source of truth, and both clients unless
// this is only a check.
execFileSync(process.execPath, [join(root, "scripts/prisma-generate.mjs"), ...(check ? ["--schema-only"] : [])], { cwd: root, stdio: "inherit" });

const folder = `${timestamp()}_${name}`;
const scripts = [];
for (const target of targets) {
  const started = performance.now();
  let script;
  try {
    script = await computeMigration(target, replaceAll);
  } catch (error) {
    const hint = target.provider === "postgresql" ? ` (is PostgreSQL reachable at MIGRATE_POSTGRES_URL?)` : "";
    console.error(`migrate:new: could not compute the ${target.provider} migration${hint}:\n${error.message}`);
    process.exit(1);
  }
  console.log(`${target.provider}: diff computed in ${Math.round(performance.now() - started)} ms`);
  scripts.push({ target, script });
}

if (scripts.every(({ script }) => script.trim() === EMPTY_MIGRATION || script.trim() === "")) {
  console.log("migrate:new: the schema matches the migrations already; nothing written.");
  process.exit(0);
}

if (check) {
  console.error("migrate:new --check: prisma/schema.prisma has changes no migration holds; run npm run migrate:new -- <name>");
  process.exit(1);
}

for (const { target, script } of scripts) {
  if (replaceAll) rmSync(target.migrationsDir, { recursive: true, force: true });
  const dir = join(target.migrationsDir, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "migration.sql"), script);
  writeFileSync(join(target.migrationsDir, "migration_lock.toml"), lockfileText(target.provider));
  console.log(`${target.provider}: wrote ${join(target.migrationsDir, folder, "migration.sql")}`);
}
