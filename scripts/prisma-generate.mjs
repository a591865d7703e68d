// Derives the PostgreSQL schema from prisma/schema.prisma and generates both Prisma clients
// (`--schema-only`: only the derived schema, for a check that needs no clients).
// The Prisma CLI wants a native schema engine it cannot download here; `generate` never runs it,
// so any existing executable satisfies the check (see shared ENVIRONMENT notes).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "prisma/schema.prisma");
const postgres = join(root, "prisma/postgres/schema.prisma");

function derivePostgresSchema(text) {
  return (
    "// GENERATED from prisma/schema.prisma by scripts/prisma-generate.mjs. Do not edit.\n" +
    text
      .replace('provider = "sqlite"', 'provider = "postgresql"')
      .replace('"../apps/server/src/generated/sqlite"', '"../../apps/server/src/generated/postgres"')
  );
}

mkdirSync(dirname(postgres), { recursive: true });
writeFileSync(postgres, derivePostgresSchema(readFileSync(source, "utf8")));
if (process.argv.includes("--schema-only")) process.exit(0);

const prismaBin = join(root, "node_modules/prisma/build/index.js");
if (!existsSync(prismaBin)) {
  console.warn("prisma CLI not installed yet; skipping client generation");
  process.exit(0);
}
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
for (const schema of [source, postgres]) {
  execFileSync(process.execPath, [prismaBin, "generate", "--schema", schema], { cwd: root, env, stdio: "inherit" });
}
