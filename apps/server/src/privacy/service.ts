// GDPR for the team's visitors: find one by name or e-mail, export everything stored about them,
// and erase them. Erasing anonymises their chats rather than deleting the rows, so the reports of
// any period add up to the same figures afterwards; what could name or describe the person goes.
import type { ErasureCounts, PrivacyExport, PrivacyVisitor } from "@live-chat/protocol";
import type { Context } from "../context.js";
import type { Db } from "../store/db.js";
import { AppError } from "../errors.js";
import { parseStoredJson } from "../store/json.js";
import { ReviewService } from "../coaching/reviews.js";
import { renderTranscript } from "./transcript.js";

/** The one visitor row every anonymised chat belongs to: it names nobody and no token leads to it. */
export const ERASED_VISITOR_ID = "erased";
const OPEN_STATUSES = ["queued", "active", "wrapping_up"];
/** Close reasons the server itself writes; anything else was typed by an operator and may name the person. */
const SYSTEM_CLOSE_REASONS = new Set(["visitor_left", "missed", "closed_by_operator"]);
const SEARCH_LIMIT = 50;
/** What a visitor id can look like; anything else (a NUL, a path) names nobody and never reaches the database. */
const VISITOR_ID = /^[A-Za-z0-9_-]{1,64}$/;

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** A LIKE pattern that matches `q` anywhere, with LIKE's own wildcards taken literally. */
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
export const zeroCounts = (): ErasureCounts => ({ conversations: 0, messages: 0, files: 0, offlineMessages: 0, mails: 0 });
export function addCounts(a: ErasureCounts, b: ErasureCounts): ErasureCounts {
  return { conversations: a.conversations + b.conversations, messages: a.messages + b.messages, files: a.files + b.files, offlineMessages: a.offlineMessages + b.offlineMessages, mails: a.mails + b.mails };
}

export class PrivacyService {
  private readonly reviews: ReviewService;

  constructor(private readonly ctx: Context) {
    this.reviews = new ReviewService(ctx);
  }

  private get db(): Db {
    return this.ctx.db;
  }

  /** Visitors whose name or e-mail address contains `q`, case-insensitively, most recently seen first. */
  async search(q: string): Promise<PrivacyVisitor[]> {
    const pattern = likePattern(q);
    const hits = await this.db.$queryRaw<Array<{ id: string }>>`
      SELECT "id" FROM "Visitor"
      WHERE "id" <> ${ERASED_VISITOR_ID}
        AND (LOWER(COALESCE("name", '')) LIKE ${pattern} ESCAPE '\\' OR LOWER(COALESCE("email", '')) LIKE ${pattern} ESCAPE '\\')
      ORDER BY "lastSeenAt" DESC LIMIT ${SEARCH_LIMIT}`;
    if (hits.length === 0) return [];
    const rows = await this.db.visitor.findMany({
      where: { id: { in: hits.map((h) => h.id) } },
      include: { conversations: { select: { status: true } } },
      orderBy: { lastSeenAt: "desc" },
    });
    return Promise.all(
      rows.map(async (v) => ({
        id: v.id,
        name: v.name,
        email: v.email,
        createdAt: v.createdAt.toISOString(),
        lastSeenAt: v.lastSeenAt.toISOString(),
        conversations: v.conversations.length,
        offlineMessages: await this.db.offlineMessage.count({ where: this.offlineWhere(v.id, v.email) }),
        inChat: v.conversations.some((c) => OPEN_STATUSES.includes(c.status)),
      })),
    );
  }

  /** Offline messages that are this visitor's: left from their widget, or under their e-mail address. */
  private offlineWhere(visitorId: string, email: string | null) {
    return { erasedAt: null, OR: [{ visitorId }, ...(email ? [{ email: { equals: email } }, { email: { equals: email.toLowerCase() } }] : [])] };
  }

  private mailWhere(email: string | null, conversationIds: string[], offlineIds: string[]) {
    return {
      OR: [
        ...(email ? [{ to: { equals: email } }, { to: { equals: email.toLowerCase() } }] : []),
        { conversationId: { in: conversationIds } },
        { offlineMessageId: { in: offlineIds } },
      ],
    };
  }

  /** Everything stored about the visitor, with a readable transcript and download links for their files. */
  async export(visitorId: string): Promise<PrivacyExport> {
    if (visitorId === ERASED_VISITOR_ID || !VISITOR_ID.test(visitorId)) throw new AppError("NOT_FOUND");
    const visitor = await this.db.visitor.findUnique({ where: { id: visitorId } });
    if (!visitor) throw new AppError("NOT_FOUND");
    const conversations = await this.db.conversation.findMany({
      where: { visitorId },
      orderBy: { createdAt: "asc" },
      include: {
        operator: { select: { id: true, name: true } },
        messages: { orderBy: { seq: "asc" } },
        events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
        rating: true,
        followUps: { orderBy: { createdAt: "asc" } },
        reasons: { include: { reason: true } },
      },
    });
    const conversationIds = conversations.map((c) => c.id);
    const offline = await this.db.offlineMessage.findMany({ where: this.offlineWhere(visitorId, visitor.email), orderBy: { createdAt: "asc" } });
    const mails = await this.db.mailOutbox.findMany({ where: this.mailWhere(visitor.email, conversationIds, offline.map((o) => o.id)), orderBy: { createdAt: "asc" } });
    const files = await this.db.attachment.findMany({
      where: { OR: [{ conversationId: { in: conversationIds } }, { uploaderType: "visitor", uploaderId: visitorId }] },
      orderBy: { createdAt: "asc" },
    });
    const filesOfMessage = new Map<string, string[]>();
    for (const f of files) if (f.messageId) filesOfMessage.set(f.messageId, [...(filesOfMessage.get(f.messageId) ?? []), f.name]);
    const result: Omit<PrivacyExport, "transcript"> = {
      exportedAt: new Date().toISOString(),
      visitor: {
        id: visitor.id,
        name: visitor.name,
        email: visitor.email,
        locale: visitor.locale,
        verified: visitor.verified,
        timeZone: visitor.timeZone,
        pageUrl: visitor.pageUrl,
        userAgent: visitor.userAgent,
        createdAt: visitor.createdAt.toISOString(),
        lastSeenAt: visitor.lastSeenAt.toISOString(),
      },
      conversations: conversations.map((c) => ({
        id: c.id,
        status: c.status,
        phase: c.phase,
        locale: c.locale,
        createdAt: c.createdAt.toISOString(),
        closedAt: iso(c.closedAt),
        closeReason: c.closeReason,
        operator: c.operator,
        messages: c.messages.map((m) => ({
          seq: m.seq,
          kind: m.kind,
          author: { type: m.authorType, name: m.authorName },
          body: m.body,
          channel: m.channel,
          createdAt: m.createdAt.toISOString(),
          attachments: filesOfMessage.get(m.id) ?? [],
        })),
        events: c.events.map((e) => ({ type: e.type, actorType: e.actorType, data: parseStoredJson(e.data), createdAt: e.createdAt.toISOString() })),
        rating: c.rating ? { score: c.rating.score, comment: c.rating.comment, createdAt: c.rating.createdAt.toISOString() } : null,
        followUps: c.followUps.map((f) => ({ channel: f.channel, phone: f.phone, note: f.note, dueAt: f.dueAt.toISOString(), doneAt: iso(f.doneAt), createdAt: f.createdAt.toISOString() })),
        reasons: c.reasons.map((r) => (c.locale === "nl" ? r.reason.nameNl : r.reason.nameEn)),
      })),
      offlineMessages: offline.map((o) => ({
        id: o.id,
        name: o.name,
        email: o.email,
        phone: o.phone,
        body: o.body,
        callbackRequested: o.callbackRequested,
        createdAt: o.createdAt.toISOString(),
        handledAt: iso(o.handledAt),
        answeredAt: iso(o.answeredAt),
      })),
      mails: mails.map((m) => ({ id: m.id, kind: m.kind, to: m.to, subject: m.subject, text: m.text, status: m.status, createdAt: m.createdAt.toISOString(), sentAt: iso(m.sentAt) })),
      files: files.map((f) => ({
        id: f.id,
        name: f.name,
        size: f.size,
        type: f.type,
        createdAt: f.createdAt.toISOString(),
        conversationId: f.conversationId,
        url: this.ctx.files.present(f, { kind: "operator" }).url,
      })),
    };
    return { ...result, transcript: renderTranscript(result) };
  }

  /**
   * Erases the visitor: their chats are anonymised (messages, events, files, mails, rating comments,
   * promises' notes and phone numbers gone; the times and counts stay), their offline messages
   * emptied, their unsent uploads and their row deleted. A chat still open is refused: it must end first.
   */
  async erase(visitorId: string): Promise<ErasureCounts> {
    if (visitorId === ERASED_VISITOR_ID || !VISITOR_ID.test(visitorId)) throw new AppError("NOT_FOUND");
    const visitor = await this.db.visitor.findUnique({ where: { id: visitorId }, include: { conversations: { select: { id: true, status: true } } } });
    if (!visitor) throw new AppError("NOT_FOUND");
    if (visitor.conversations.some((c) => OPEN_STATUSES.includes(c.status))) throw new AppError("CHAT_STILL_OPEN");
    await this.ensureErasedVisitor();
    let counts = zeroCounts();
    for (const c of visitor.conversations) counts = addCounts(counts, await this.anonymiseConversation(c.id));
    const offline = await this.db.offlineMessage.findMany({ where: this.offlineWhere(visitorId, visitor.email), select: { id: true } });
    const uploads = await this.db.attachment.findMany({ where: { uploaderType: "visitor", uploaderId: visitorId } });
    const mails = await this.db.$transaction(async (tx) => {
      const removed = await tx.mailOutbox.deleteMany({ where: this.mailWhere(visitor.email, [], offline.map((o) => o.id)) });
      await this.emptyOfflineMessages(tx, offline.map((o) => o.id));
      await tx.attachment.deleteMany({ where: { id: { in: uploads.map((u) => u.id) } } });
      // A chat started meanwhile would go with the row: refuse instead, and an erasure later finishes the job.
      const gone = await tx.visitor.deleteMany({ where: { id: visitorId, conversations: { none: { status: { in: OPEN_STATUSES } } } } });
      if (gone.count === 0) throw new AppError("CHAT_STILL_OPEN");
      // The tombstone: the id alone, so the browser's token is refused from now on and starts over as a new visitor.
      await tx.erasedVisitor.upsert({ where: { id: visitorId }, create: { id: visitorId }, update: {} });
      return removed.count;
    });
    await this.ctx.files.dropUnreferenced(uploads.flatMap((u) => (u.thumbnailHash ? [u.hash, u.thumbnailHash] : [u.hash])));
    return addCounts(counts, { conversations: 0, messages: 0, files: uploads.length, offlineMessages: offline.length, mails });
  }

  private async emptyOfflineMessages(tx: Tx, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.offlineMessage.updateMany({ where: { id: { in: ids } }, data: { visitorId: null, name: "", email: "", phone: null, body: "", erasedAt: new Date() } });
  }

  /** Offline messages left under no visitor (the widget's form only) older than `before`, emptied like an erasure does. */
  async anonymiseOfflineMessagesBefore(before: Date): Promise<number> {
    const rows = await this.db.offlineMessage.findMany({ where: { erasedAt: null, createdAt: { lt: before } }, select: { id: true } });
    if (rows.length === 0) return 0;
    await this.db.$transaction(async (tx) => {
      await tx.mailOutbox.deleteMany({ where: { offlineMessageId: { in: rows.map((r) => r.id) } } });
      await this.emptyOfflineMessages(tx, rows.map((r) => r.id));
    });
    return rows.length;
  }

  async ensureErasedVisitor(): Promise<void> {
    await this.db.visitor.upsert({ where: { id: ERASED_VISITOR_ID }, create: { id: ERASED_VISITOR_ID, tokenHash: ERASED_VISITOR_ID }, update: {} });
  }

  /**
   * One chat anonymised: the reports read only its times, phases, checklist, transfers, reasons,
   * rating score, promises' times and the method review's tally, so those stay; the first
   * assignment moves onto the row because its event goes. Done twice, the second time finds nothing left to remove.
   */
  async anonymiseConversation(conversationId: string): Promise<ErasureCounts> {
    const conversation = await this.db.conversation.findUnique({ where: { id: conversationId }, select: { closeReason: true, assignedAt: true } });
    if (!conversation) return zeroCounts();
    const firstAssigned = await this.db.conversationEvent.findFirst({ where: { conversationId, type: "assigned" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
    const tally = await this.reviews.tallyOf(conversationId);
    // Files first: a crash after this leaves the chat unmarked, so the next erasure or retention run finishes it.
    const files = await this.ctx.files.deleteConversationFiles(conversationId);
    const { messages, mails } = await this.db.$transaction(async (tx) => {
      const removedMessages = await tx.message.deleteMany({ where: { conversationId } });
      await tx.conversationEvent.deleteMany({ where: { conversationId } });
      await tx.rating.updateMany({ where: { conversationId }, data: { comment: null } });
      await tx.followUp.updateMany({ where: { conversationId }, data: { note: "", phone: null } });
      const removedMails = await tx.mailOutbox.deleteMany({ where: { conversationId } });
      await tx.conversation.update({
        where: { id: conversationId },
        data: {
          visitorId: ERASED_VISITOR_ID,
          erasedAt: new Date(),
          methodTally: tally ? JSON.stringify(tally) : null,
          pendingQuestion: null,
          assignedAt: firstAssigned?.createdAt ?? conversation.assignedAt,
          closeReason: conversation.closeReason === null || SYSTEM_CLOSE_REASONS.has(conversation.closeReason) ? conversation.closeReason : "closed_by_operator",
        },
      });
      return { messages: removedMessages.count, mails: removedMails.count };
    });
    return { conversations: 1, messages, files, offlineMessages: 0, mails };
  }

  /** A chat deleted outright (retention set to delete): its files first, then the row with all it holds. */
  async deleteConversation(conversationId: string): Promise<ErasureCounts> {
    const messages = await this.db.message.count({ where: { conversationId } });
    const files = await this.ctx.files.deleteConversationFiles(conversationId);
    const mails = await this.db.$transaction(async (tx) => {
      const removed = await tx.mailOutbox.deleteMany({ where: { conversationId } });
      await tx.conversation.deleteMany({ where: { id: conversationId } });
      return removed.count;
    });
    return { conversations: 1, messages, files, offlineMessages: 0, mails };
  }
}
