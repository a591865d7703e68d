// A change to prisma/schema.prisma without its migration would pass every test on a fresh database
// yet break upgrades: Prisma's schema engine diffs the migrations against the schema, for both
// providers, and must find nothing missing.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { POSTGRES_URL, requireServices } from "../support/services.js";
import { root } from "./migrations-support.js";

// The PostgreSQL diff replays the migrations in a throw-away schema of a real server.
const available = await requireServices(["postgres"], "the migrations-match-the-schema check");

describe.skipIf(!available)("the committed migrations", () => {
  it("hold every change of prisma/schema.prisma, for SQLite and PostgreSQL", async () => {
    const run = await promisify(execFile)(process.execPath, [join(root, "scripts/migrate-new.mjs"), "--check"], {
      cwd: root,
      env: { ...process.env, MIGRATE_POSTGRES_URL: POSTGRES_URL },
    }).catch((err: { code?: number; stdout?: string; stderr?: string }) => err);
    expect(`${run.stdout}${run.stderr}`).toContain("the schema matches the migrations already");
  }, 60_000);
});
