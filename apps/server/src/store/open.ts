// Opens the configured database and builds its message log: embedded SQLite (WAL) or PostgreSQL.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { providerOf, splitPostgresUrl, sqlitePath, type Db, type Provider } from "./db.js";
import type { MessageLog } from "./message-log.js";
import { postgresMessageLog, sqliteMessageLog } from "./messages.js";
import { startCheckpointer } from "./checkpointer.js";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client.js";
import { PrismaClient as PostgresClient } from "../generated/postgres/client.js";

/**
 * better-sqlite3 has a single connection: a query sent while an interactive transaction is open runs
 * inside it and is undone by its rollback. Queries outside a transaction wait until it has ended.
 */
class OneConnectionSqlite extends PrismaBetterSqlite3 {
  /** The connection and its gate, for the message log's prepared statements. */
  connection?: { client: BetterSqlite3.Database; exclusive: <T>(work: () => Promise<T>) => Promise<T> };

  override async connect() {
    const adapter = await super.connect();
    let tail: Promise<unknown> = Promise.resolve();
    const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
      const run = tail.then(work, work);
      tail = run.catch(() => undefined);
      return run;
    };
    this.connection = { client: (adapter as unknown as { client: BetterSqlite3.Database }).client, exclusive };
    const queryRaw = adapter.queryRaw.bind(adapter);
    const executeRaw = adapter.executeRaw.bind(adapter);
    const executeScript = adapter.executeScript.bind(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.queryRaw = (query) => exclusive(() => queryRaw(query));
    adapter.executeRaw = (query) => exclusive(() => executeRaw(query));
    adapter.executeScript = (script) => exclusive(() => executeScript(script));
    adapter.startTransaction = (isolationLevel) =>
      new Promise((resolve, reject) => {
        void exclusive(
          () =>
            new Promise<void>((release) => {
              startTransaction(isolationLevel).then((tx) => {
                const commit = tx.commit.bind(tx);
                const rollback = tx.rollback.bind(tx);
                tx.commit = () => commit().finally(release);
                tx.rollback = () => rollback().finally(release);
                resolve(tx);
              }, (err: unknown) => {
                release();
                reject(err);
              });
            }),
        );
      });
    return adapter;
  }
}

export interface OpenDatabase {
  db: Db;
  provider: Provider;
  messages: MessageLog;
  close: () => Promise<void>;
}

export async function openDatabase(databaseUrl: string, onError: (message: string) => void = () => undefined): Promise<OpenDatabase> {
  const provider = providerOf(databaseUrl);
  if (provider === "sqlite") {
    const file = sqlitePath(databaseUrl);
    mkdirSync(dirname(file), { recursive: true });
    const adapter = new OneConnectionSqlite({ url: `file:${file}` });
    const db = new SqliteClient({ adapter });
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
    await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
    await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    await db.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 0");
    if (!adapter.connection) throw new Error("SQLite connection did not open");
    const stopCheckpointer = startCheckpointer(file, onError);
    return {
      db,
      provider,
      messages: sqliteMessageLog(db, adapter.connection.client, adapter.connection.exclusive),
      close: async () => {
        await stopCheckpointer();
        await db.$disconnect();
      },
    };
  }
  const { connectionString, schema } = splitPostgresUrl(databaseUrl);
  // Raw statements (the message log) find the tables through search_path, like Prisma's own do by name.
  const options = `-c search_path="${schema.replaceAll('"', '""')}"`;
  const adapter = new PrismaPg({ connectionString, max: 10, options }, { schema });
  const db = new PostgresClient({ adapter }) as unknown as Db;
  const pool = new pg.Pool({ connectionString, max: 8, options });
  pool.on("error", (err) => onError(err.message));
  return {
    db,
    provider,
    messages: postgresMessageLog(db, pool),
    close: async () => {
      await pool.end();
      await db.$disconnect();
    },
  };
}
