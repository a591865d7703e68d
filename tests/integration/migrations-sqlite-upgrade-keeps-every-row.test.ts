// Upgrading a SQLite database that is in use: a migration that rebuilds the User table (SQLite
// cannot drop NOT NULL in place) must not cascade into sessions or unassign conversations.
import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../../apps/server/src/store/migrate.js";
import { expectPrismaSeesNothingPending, migrationNamesIn, prismaDir } from "./migrations-support.js";

const all = migrationNamesIn(join(prismaDir, "migrations"));

describe("upgrading a SQLite database with data in it", () => {
  it.skipIf(all.length < 2)("applies every later migration and keeps users, their sessions and their chats", async () => {
    const dir = mkdtempSync(join(tmpdir(), "live-chat-upgrade-"));
    const oldPrisma = join(dir, "prisma-old");
    mkdirSync(join(oldPrisma, "migrations"), { recursive: true });
    cpSync(join(prismaDir, "migrations", all[0]!), join(oldPrisma, "migrations", all[0]!), { recursive: true });
    cpSync(join(prismaDir, "migrations", "migration_lock.toml"), join(oldPrisma, "migrations", "migration_lock.toml"));
    const file = join(dir, "chat.db");
    const databaseUrl = `file:${file}`;
    expect((await applyMigrations({ databaseUrl, prismaDir: oldPrisma })).applied).toEqual([all[0]]);

    const db = new Database(file);
    const now = new Date().toISOString().replace("Z", "+00:00");
    db.prepare(`INSERT INTO "User" ("id","email","name","passwordHash","role","updatedAt") VALUES ('u1','op@example.com','Op','$argon2id$x','operator',?)`).run(now);
    db.prepare(`INSERT INTO "Session" ("id","userId","expiresAt") VALUES ('s1','u1',?)`).run(now);
    db.prepare(`INSERT INTO "Visitor" ("id","tokenHash") VALUES ('v1','h')`).run();
    db.prepare(`INSERT INTO "Conversation" ("id","visitorId","operatorId") VALUES ('c1','v1','u1')`).run();
    db.close();

    const upgraded = await applyMigrations({ databaseUrl, prismaDir });
    expect(upgraded.applied).toEqual(all.slice(1));
    const after = new Database(file, { readonly: true });
    expect(after.prepare(`SELECT "id","email","passwordHash" FROM "User"`).all()).toEqual([{ id: "u1", email: "op@example.com", passwordHash: "$argon2id$x" }]);
    expect(after.prepare(`SELECT "id","userId" FROM "Session"`).all()).toEqual([{ id: "s1", userId: "u1" }]);
    expect(after.prepare(`SELECT "id","operatorId" FROM "Conversation"`).all()).toEqual([{ id: "c1", operatorId: "u1" }]);
    expect(after.pragma("foreign_key_check")).toEqual([]);
    after.close();
    await expectPrismaSeesNothingPending(databaseUrl, join(prismaDir, "migrations"));
  });
});
