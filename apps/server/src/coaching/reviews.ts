// Method reviews of stored chats: who may read them, the notes reviewers leave, and the method figures per operator.
import { reviewChat, type ChatRecord, type ChatReview, type FollowUpChannel, type Locale, type MethodReview, type OperatorMethodFigures, type ReviewNote } from "@live-chat/protocol";
import type { Context } from "../context.js";
import { AppError } from "../errors.js";
import { toMessage } from "../conversation/serialize.js";
import type { Principal } from "../auth/service.js";
import { percentile } from "../http/routes/admin-reports.js";

/**
 * Reviewers are admins. A separate team-lead role would need a new entry in the inbox's role
 * list and its translations, which this round may not touch; this is the one place to widen.
 */
export function mayReview(user: Principal["user"]): boolean {
  return user.role === "admin";
}

function parseData(data: string | null): Record<string, unknown> | null {
  if (data === null) return null;
  try {
    const parsed: unknown = JSON.parse(data);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The stored chats, each as the review reads it. */
async function chatRecords(ctx: Context, conversationIds: string[]): Promise<Map<string, ChatRecord>> {
  const [conversations, messages, events, followUps] = await Promise.all([
    ctx.db.conversation.findMany({ where: { id: { in: conversationIds } }, select: { id: true, createdAt: true, locale: true, visitor: { select: { name: true } } } }),
    ctx.db.message.findMany({ where: { conversationId: { in: conversationIds } }, orderBy: [{ conversationId: "asc" }, { seq: "asc" }] }),
    ctx.db.conversationEvent.findMany({ where: { conversationId: { in: conversationIds } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    ctx.db.followUp.findMany({ where: { conversationId: { in: conversationIds } }, orderBy: { createdAt: "asc" } }),
  ]);
  const records = new Map<string, ChatRecord>();
  for (const c of conversations) {
    records.set(c.id, {
      createdAt: c.createdAt.toISOString(),
      locale: (c.locale === "nl" ? "nl" : "en") as Locale,
      visitorName: c.visitor.name,
      messages: messages.filter((m) => m.conversationId === c.id).map(toMessage),
      events: events.filter((e) => e.conversationId === c.id).map((e) => ({ type: e.type, actorType: e.actorType, actorId: e.actorId, data: parseData(e.data), at: e.createdAt.toISOString() })),
      followUps: followUps
        .filter((f) => f.conversationId === c.id)
        .map((f) => ({ id: f.id, channel: f.channel as FollowUpChannel, dueAt: f.dueAt.toISOString(), createdAt: f.createdAt.toISOString(), doneAt: f.doneAt?.toISOString() ?? null })),
    });
  }
  return records;
}

type NoteRow = { id: string; conversationId: string; reviewerId: string; operatorId: string | null; note: string; score: number; createdAt: Date };

async function toReviewNotes(ctx: Context, rows: NoteRow[]): Promise<ReviewNote[]> {
  const reviewers = await ctx.db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.reviewerId))] } }, select: { id: true, name: true } });
  const nameOf = new Map(reviewers.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id,
    conversationId: r.conversationId,
    reviewer: { id: r.reviewerId, name: nameOf.get(r.reviewerId) ?? "" },
    ...(r.operatorId ? { operatorId: r.operatorId } : {}),
    note: r.note,
    score: r.score,
    createdAt: r.createdAt.toISOString(),
  }));
}


export class ReviewService {
  constructor(private readonly ctx: Context) {}

  /** The review of one chat, for a reviewer or for the operator whose chat it is. */
  async review(conversationId: string, reader: Principal["user"]): Promise<ChatReview> {
    const conversation = await this.ctx.db.conversation.findUnique({ where: { id: conversationId }, select: { operatorId: true } });
    if (!conversation) throw new AppError("NOT_FOUND");
    if (!mayReview(reader) && conversation.operatorId !== reader.id) throw new AppError("FORBIDDEN");
    const record = (await chatRecords(this.ctx, [conversationId])).get(conversationId)!;
    const notes = await this.ctx.db.reviewNote.findMany({ where: { conversationId }, orderBy: { createdAt: "asc" } });
    return {
      conversationId,
      ...(conversation.operatorId ? { operatorId: conversation.operatorId } : {}),
      ...reviewChat(record),
      notes: await toReviewNotes(this.ctx, notes),
    };
  }

  async addNote(conversationId: string, reviewer: Principal["user"], input: { note: string; score: number }): Promise<ReviewNote> {
    if (!mayReview(reviewer)) throw new AppError("FORBIDDEN");
    const conversation = await this.ctx.db.conversation.findUnique({ where: { id: conversationId }, select: { operatorId: true } });
    if (!conversation) throw new AppError("NOT_FOUND");
    const row = await this.ctx.db.reviewNote.create({ data: { conversationId, reviewerId: reviewer.id, operatorId: conversation.operatorId, note: input.note, score: input.score } });
    return (await toReviewNotes(this.ctx, [row]))[0];
  }

  /** The notes left on an operator's own chats, newest first. */
  async notesFor(operatorId: string): Promise<ReviewNote[]> {
    const rows = await this.ctx.db.reviewNote.findMany({ where: { operatorId }, orderBy: { createdAt: "desc" }, take: 500 });
    return toReviewNotes(this.ctx, rows);
  }

  /** What the method figures need of one chat, or null when no operator answered it; kept when its transcript is erased. */
  async tallyOf(conversationId: string): Promise<MethodTally | null> {
    const record = (await chatRecords(this.ctx, [conversationId])).get(conversationId);
    return record && answered(record) ? tally(reviewChat(record)) : null;
  }

  /** The method figures of each operator's answered chats (those with at least one operator text; an erased chat by its kept tally). */
  async methodFigures(chats: { id: string; operatorId: string | null }[]): Promise<Map<string, OperatorMethodFigures>> {
    const records = await chatRecords(this.ctx, chats.map((c) => c.id));
    const kept = new Map(
      (await this.ctx.db.conversation.findMany({ where: { id: { in: chats.map((c) => c.id) }, methodTally: { not: null } }, select: { id: true, methodTally: true } })).map((c) => [c.id, JSON.parse(c.methodTally!) as MethodTally]),
    );
    const tallies = new Map<string, MethodTally[]>();
    for (const chat of chats) {
      const record = records.get(chat.id);
      const one = kept.get(chat.id) ?? (record && answered(record) ? tally(reviewChat(record)) : undefined);
      if (!chat.operatorId || !one) continue;
      tallies.set(chat.operatorId, [...(tallies.get(chat.operatorId) ?? []), one]);
    }
    return new Map([...tallies].map(([operatorId, list]) => [operatorId, methodFiguresOf(list)]));
  }
}

/** The part of a method review the figures count: no words of the chat, so it outlives an erasure. */
export type MethodTally = Pick<MethodReview, "greeted" | "summaryConfirmed" | "checklistComplete" | "waitedForVisitor" | "secondsToGreeting"> & { hintCount: number };

const answered = (record: ChatRecord) => record.messages.some((m) => m.author.type === "operator" && m.kind === "text");
function tally(review: MethodReview): MethodTally {
  return {
    greeted: review.greeted,
    summaryConfirmed: review.summaryConfirmed,
    checklistComplete: review.checklistComplete,
    waitedForVisitor: review.waitedForVisitor,
    ...(review.secondsToGreeting === undefined ? {} : { secondsToGreeting: review.secondsToGreeting }),
    hintCount: review.hints.length,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const share = (list: MethodTally[], test: (r: MethodTally) => boolean) => (list.length === 0 ? null : round2(list.filter(test).length / list.length));

export function methodFiguresOf(list: MethodTally[]): OperatorMethodFigures {
  const greetings = list.flatMap((r) => (r.secondsToGreeting === undefined ? [] : [r.secondsToGreeting])).sort((a, b) => a - b);
  return {
    reviewed: list.length,
    greetedRate: share(list, (r) => r.greeted),
    summaryConfirmedRate: share(list, (r) => r.summaryConfirmed),
    fullClosingRate: share(list, (r) => r.checklistComplete && r.waitedForVisitor),
    secondsToGreeting: { median: percentile(greetings, 0.5), p90: percentile(greetings, 0.9) },
    hintsPerChat: list.length === 0 ? null : round2(list.reduce((sum, r) => sum + r.hintCount, 0) / list.length),
  };
}
