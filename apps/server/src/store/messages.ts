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
  const byClientId = client.prepare(`SELECT ${MESSAGE_COLUMNS}, "channel" FROM "Message" WHERE "conversationId" = ? AND "clientId" = ?`).safeIntegers(false);
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

/** What one batch statement is given per message, in the order of its array parameters. */
type Row = [conversationId: string, visitorGuard: string | null, operatorGuard: string | null, clientId: string | null, id: string, kind: string, authorType: string, authorId: string | null, authorName: string | null, body: string, cannedReplyId: string | null, now: string, meta: string | null, effect: Effect];
const ROW_TYPES = ["text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "timestamptz", "text", "text"];
const AT = `(i."now" AT TIME ZONE 'UTC')`;

/**
 * One statement stores a whole batch, one message per conversation (GroupCommit sees to that): it
 * advances each conversation's seq under the same guards as one message alone, inserts the messages and
 * commits once. A message whose conversation refuses it, or whose clientId is stored already, gets no row.
 */
const APPEND_BATCH = `WITH i AS (
    SELECT * FROM unnest(${ROW_TYPES.map((type, n) => `$${n + 1}::${type}[]`).join(", ")})
      AS t("conversationId", "visitorGuard", "operatorGuard", "clientId", "id", "kind", "authorType", "authorId", "authorName", "body", "cannedReplyId", "now", "meta", "effect")
  ), head AS (
    UPDATE "Conversation" c SET "lastSeq" = c."lastSeq" + 1,
      "lastVisitorMessageAt" = CASE WHEN i."effect" = 'visitor_text' THEN ${AT} ELSE c."lastVisitorMessageAt" END,
      "awaitingReplySince" = CASE WHEN i."effect" = 'visitor_text' THEN COALESCE(c."awaitingReplySince", ${AT}) WHEN i."effect" = 'operator_text' THEN NULL ELSE c."awaitingReplySince" END,
      "firstResponseAt" = CASE WHEN i."effect" = 'operator_text' THEN COALESCE(c."firstResponseAt", ${AT}) ELSE c."firstResponseAt" END
    FROM i
    WHERE c."id" = i."conversationId" AND c."status" <> 'closed' AND (i."visitorGuard" IS NULL OR c."visitorId" = i."visitorGuard") AND (i."operatorGuard" IS NULL OR c."operatorId" = i."operatorGuard")
      AND NOT EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = i."conversationId" AND m."clientId" = i."clientId")
    RETURNING ${HEAD_COLUMNS.split(", ").map((column) => `c.${column}`).join(", ")}, i."id" AS "messageId"
  ), inserted AS (
    INSERT INTO "Message" (${MESSAGE_COLUMNS})
    SELECT i."id", head."id", head."lastSeq", i."clientId", i."kind", i."authorType", i."authorId", i."authorName", i."body", i."cannedReplyId", i."meta", ${AT}
    FROM head JOIN i ON i."id" = head."messageId"
  )
  SELECT * FROM head`;

/**
 * PostgreSQL through its own small pg pool: a prepared statement, no ORM in between. Messages sent while
 * others are being stored share one statement and one commit (group commit); each is acknowledged after it.
 */
export function postgresMessageLog(db: Db, pool: Pool, options: GroupCommitOptions = { maxInFlight: 4, maxBatch: 64 }): MessageLog {
  const commits = new GroupCommit<Row, (ConversationHead & { messageId: string }) | undefined>(async (rows) => {
    // Column-wise: one array parameter per field.
    const values = ROW_TYPES.map((_, column) => rows.map((row) => row[column]));
    const result = await pool.query<ConversationHead & { messageId: string }>({ name: "append_messages", text: APPEND_BATCH, values });
    const byId = new Map(result.rows.map((head) => [head.messageId, head]));
    return rows.map((row) => byId.get(row[4]));
  }, options);

  return {
    async append(r) {
      const id = randomUUID();
      const row: Row = [r.conversationId, r.guard.visitorId ?? null, r.guard.operatorId ?? null, r.clientId, id, r.kind, r.authorType, r.authorId, r.authorName, r.body, r.cannedReplyId, r.now.toISOString(), r.meta, effectOf(r)];
      let head: (ConversationHead & { messageId: string }) | undefined;
      try {
        head = await commits.submit(r.conversationId, row);
      } catch (err) {
        // The same clientId stored by a concurrent send: the unique index refused this one whole.
        const existing = r.clientId ? await findByClientId(db, r.conversationId, r.clientId) : null;
        if (existing) return { status: "duplicate", message: existing };
        throw err;
      }
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
