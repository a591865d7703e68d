// The hot path: store one message with the next seq, atomically, in as little work as possible.
// SQLite: prepared statements in one synchronous transaction on Prisma's own connection (so they
// never interleave with a Prisma transaction). PostgreSQL: one statement per message, concurrent ones in one commit.
import { randomUUID } from "node:crypto";
import type BetterSqlite3 from "better-sqlite3";
import type { Pool } from "pg";
import type { Db } from "./db.js";
import { GroupCommit, type GroupCommitOptions } from "./group-commit.js";
import type { AppendRequest, AppendResult, ConversationHead, MessageLog, StoredMessage } from "./message-log.js";

/** What else a message changes on its conversation: who is waiting for whom. */
type Effect = "visitor_text" | "operator_text" | "none";
const effectOf = (r: AppendRequest): Effect => (r.kind !== "text" ? "none" : r.authorType === "visitor" ? "visitor_text" : r.authorType === "operator" ? "operator_text" : "none");

const SET_EFFECT: Record<Effect, (now: string) => string> = {
  visitor_text: (now) => `, "lastVisitorMessageAt" = ${now}, "awaitingReplySince" = COALESCE("awaitingReplySince", ${now})`,
  operator_text: (now) => `, "awaitingReplySince" = NULL, "firstResponseAt" = COALESCE("firstResponseAt", ${now})`,
  none: () => "",
};
const HEAD_COLUMNS = `"id", "visitorId", "operatorId", "status", "lastSeq", "pendingQuestion"`;
const MESSAGE_COLUMNS = `"id", "conversationId", "seq", "clientId", "kind", "authorType", "authorId", "authorName", "body", "cannedReplyId", "meta", "createdAt"`;

/** Why a conversation refused a write, looked up only on that rare path. */
async function whyRefused(db: Db, r: AppendRequest): Promise<Extract<AppendResult, { status: "refused" }>["reason"]> {
  const c = await db.conversation.findUnique({ where: { id: r.conversationId }, select: { status: true, visitorId: true, operatorId: true } });
  if (!c) return "NOT_FOUND";
  if (r.guard.visitorId && c.visitorId !== r.guard.visitorId) return "FORBIDDEN";
  if (c.status === "closed") return "CONVERSATION_CLOSED";
  return "NOT_ASSIGNED";
}

async function findByClientId(db: Db, conversationId: string, clientId: string): Promise<StoredMessage | null> {
  return db.message.findUnique({ where: { conversationId_clientId: { conversationId, clientId } } });
}

/** SQLite stores DateTime as ISO-8601 with an explicit offset, as Prisma's adapter writes it. */
const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

export function sqliteMessageLog(db: Db, client: BetterSqlite3.Database, exclusive: <T>(work: () => Promise<T>) => Promise<T>): MessageLog {
  const byClientId = client.prepare(`SELECT ${MESSAGE_COLUMNS} FROM "Message" WHERE "conversationId" = ? AND "clientId" = ?`).safeIntegers(false);
  const insert = client.prepare(`INSERT INTO "Message" (${MESSAGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const advance = Object.fromEntries(
    (Object.keys(SET_EFFECT) as Effect[]).map((effect) => [
      effect,
      client
        .prepare(`UPDATE "Conversation" SET "lastSeq" = "lastSeq" + 1${SET_EFFECT[effect]("@now")} WHERE "id" = @id AND "status" <> 'closed' AND (@visitorId IS NULL OR "visitorId" = @visitorId) AND (@operatorId IS NULL OR "operatorId" = @operatorId) RETURNING ${HEAD_COLUMNS}`)
        .safeIntegers(false),
    ]),
  ) as Record<Effect, BetterSqlite3.Statement>;

  const store = client.transaction((r: AppendRequest): AppendResult | null => {
    if (r.clientId) {
      const existing = byClientId.get(r.conversationId, r.clientId) as (Omit<StoredMessage, "createdAt"> & { createdAt: string }) | undefined;
      if (existing) return { status: "duplicate", message: { ...existing, createdAt: new Date(existing.createdAt) } };
    }
    const now = sqliteDate(r.now);
    const head = advance[effectOf(r)].get({ id: r.conversationId, visitorId: r.guard.visitorId ?? null, operatorId: r.guard.operatorId ?? null, now }) as ConversationHead | undefined;
    if (!head) return null;
    const message: StoredMessage = { id: randomUUID(), conversationId: r.conversationId, seq: head.lastSeq, clientId: r.clientId, kind: r.kind, authorType: r.authorType, authorId: r.authorId, authorName: r.authorName, body: r.body, cannedReplyId: r.cannedReplyId, meta: r.meta, createdAt: r.now };
    insert.run(message.id, message.conversationId, message.seq, message.clientId, message.kind, message.authorType, message.authorId, message.authorName, message.body, message.cannedReplyId, message.meta, now);
    return { status: "stored", message, head };
  });

  // A transaction that read before writing fails at once with SQLITE_BUSY (no busy wait) if another connection
  // changed the database under its snapshot; it was rolled back whole, so it is simply tried again.
  const storeRetryingBusy = async (r: AppendRequest): Promise<AppendResult | null> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return store(r);
      } catch (err) {
        if (attempt >= 20 || !String((err as { code?: string }).code).startsWith("SQLITE_BUSY")) throw err;
        await new Promise((resolve) => setTimeout(resolve, attempt));
      }
    }
  };

  return {
    async append(r) {
      const result = await exclusive(async () => storeRetryingBusy(r));
      return result ?? { status: "refused", reason: await whyRefused(db, r) };
    },
  };
}

/**
 * PostgreSQL through its own small pg pool: one prepared statement per message, no ORM in between;
 * messages sent while others commit share their transaction (group commit), acknowledged after COMMIT.
 */
export function postgresMessageLog(db: Db, pool: Pool, options: GroupCommitOptions = { maxInFlight: 4, maxBatch: 64 }): MessageLog {
  const NOW = `($12::timestamptz AT TIME ZONE 'UTC')`;
  const sql = Object.fromEntries(
    (Object.keys(SET_EFFECT) as Effect[]).map((effect) => [
      effect,
      `WITH head AS (
         UPDATE "Conversation" SET "lastSeq" = "lastSeq" + 1${SET_EFFECT[effect](NOW)}
         WHERE "id" = $1 AND "status" <> 'closed' AND ($2::text IS NULL OR "visitorId" = $2) AND ($3::text IS NULL OR "operatorId" = $3)
           AND NOT EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = $1 AND m."clientId" = $4::text)
         RETURNING ${HEAD_COLUMNS}
       ), inserted AS (
         INSERT INTO "Message" (${MESSAGE_COLUMNS})
         SELECT $5, head."id", head."lastSeq", $4::text, $6, $7, $8::text, $9::text, $10, $11::text, $13::text, ${NOW} FROM head
       )
       SELECT * FROM head`,
    ]),
  ) as Record<Effect, string>;

  const commits = new GroupCommit(pool, options);
  return {
    async append(r) {
      const id = randomUUID();
      const query = {
        name: `append_message_${effectOf(r)}`,
        text: sql[effectOf(r)],
        values: [r.conversationId, r.guard.visitorId ?? null, r.guard.operatorId ?? null, r.clientId, id, r.kind, r.authorType, r.authorId, r.authorName, r.body, r.cannedReplyId, r.now.toISOString(), r.meta],
      };
      let rows: ConversationHead[];
      try {
        rows = await commits.submit(
          r.conversationId,
          async (client) => (await client.query<ConversationHead>(query)).rows,
          async () => (await pool.query<ConversationHead>(query)).rows,
        );
      } catch (err) {
        // The same clientId stored by a concurrent send: the unique index refused this one whole.
        const existing = r.clientId ? await findByClientId(db, r.conversationId, r.clientId) : null;
        if (existing) return { status: "duplicate", message: existing };
        throw err;
      }
      // Looked up only now, after the commit: an earlier send of this clientId in the same batch is visible from here on.
      const head = rows[0];
      if (!head) {
        const existing = r.clientId ? await findByClientId(db, r.conversationId, r.clientId) : null;
        if (existing) return { status: "duplicate", message: existing };
        return { status: "refused", reason: await whyRefused(db, r) };
      }
      const message: StoredMessage = { id, conversationId: r.conversationId, seq: Number(head.lastSeq), clientId: r.clientId, kind: r.kind, authorType: r.authorType, authorId: r.authorId, authorName: r.authorName, body: r.body, cannedReplyId: r.cannedReplyId, meta: r.meta, createdAt: r.now };
      return { status: "stored", message, head: { id: head.id, visitorId: head.visitorId, operatorId: head.operatorId, status: head.status, lastSeq: Number(head.lastSeq), pendingQuestion: head.pendingQuestion } };
    },
  };
}
