// The durable-insert floor: what storing a message costs at the least on each database, with the
// product's own settings: one plain INSERT that commits by itself, and the ack only after it.
import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { startCheckpointer } from "../../apps/server/src/store/checkpointer.js";
import { splitPostgresUrl } from "../../apps/server/src/store/db.js";

export interface FloorMessage {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string;
  body: string;
  createdAt: Date;
}

export interface FloorStore {
  insert(message: FloorMessage): Promise<void>;
  close(): Promise<void>;
}

const TABLE = `CREATE TABLE IF NOT EXISTS "FloorMessage" ("id" TEXT PRIMARY KEY, "conversationId" TEXT NOT NULL, "seq" INTEGER NOT NULL, "clientId" TEXT NOT NULL, "body" TEXT NOT NULL, "createdAt" TIMESTAMP(3) NOT NULL, UNIQUE ("conversationId", "clientId"))`;
const INSERT = `INSERT INTO "FloorMessage" ("id", "conversationId", "seq", "clientId", "body", "createdAt")`;

/** SQLite in WAL with synchronous = NORMAL and the background checkpointer, as apps/server/src/store/open.ts sets it. */
function sqliteFloor(file: string): FloorStore {
  const Database = createRequire(import.meta.url)("better-sqlite3") as typeof BetterSqlite3;
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("wal_autocheckpoint = 0");
  db.exec(TABLE);
  const stopCheckpointer = startCheckpointer(file, (message) => process.stderr.write(`checkpoint: ${message}\n`));
  const insert = db.prepare(`${INSERT} VALUES (?, ?, ?, ?, ?, ?)`);
  return {
    async insert(m) {
      insert.run(m.id, m.conversationId, m.seq, m.clientId, m.body, m.createdAt.toISOString());
    },
    async close() {
      await stopCheckpointer();
      db.close();
    },
  };
}

/** PostgreSQL through a pool of the product's size (8), a named (prepared) statement, synchronous_commit as the server has it. */
async function postgresFloor(databaseUrl: string): Promise<FloorStore> {
  const { connectionString, schema } = splitPostgresUrl(databaseUrl);
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replaceAll('"', '""')}"`);
  await admin.end();
  const pool = new pg.Pool({ connectionString, max: 8, options: `-c search_path="${schema.replaceAll('"', '""')}"` });
  await pool.query(TABLE);
  return {
    async insert(m) {
      await pool.query({ name: "floor_insert", text: `${INSERT} VALUES ($1, $2, $3, $4, $5, $6)`, values: [m.id, m.conversationId, m.seq, m.clientId, m.body, m.createdAt] });
    },
    close: () => pool.end(),
  };
}

/** `file:<path>` or `postgresql://…?schema=…`, as DATABASE_URL. */
export async function openFloorStore(url: string): Promise<FloorStore> {
  return url.startsWith("file:") ? sqliteFloor(url.slice("file:".length)) : postgresFloor(url);
}
