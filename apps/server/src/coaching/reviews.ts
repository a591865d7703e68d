// Method reviews of stored chats: who may read them, the notes reviewers leave, and the method figures per operator.
import { reviewChat, type ChatRecord, type ChatReview, type FollowUpChannel, type Locale, type MethodReview, type OperatorMethodFigures, type ReviewNote } from "@live-chat/protocol";
import type { Context } from "../context.js";
import { AppError } from "../errors.js";
import { toMessage } from "../conversation/serialize.js";
import type { Principal } from "../auth/service.js";
import { percentile } from "../http/routes/admin-reports.js";
import { mayReview } from "../http/middleware.js";

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
  const messagesOf = groupBy(messages);
  const eventsOf = groupBy(events);
  const followUpsOf = groupBy(followUps);
  const records = new Map<string, ChatRecord>();
  for (const c of conversations) {
    records.set(c.id, {
      createdAt: c.createdAt.toISOString(),
      locale: (c.locale === "nl" ? "nl" : "en") as Locale,
      visitorName: c.visitor.name,
      messages: (messagesOf.get(c.id) ?? []).map(toMessage),
      events: (eventsOf.get(c.id) ?? []).map((e) => ({ type: e.type, actorType: e.actorType, actorId: e.actorId, data: parseData(e.data), at: e.createdAt.toISOString() })),
      followUps: (followUpsOf.get(c.id) ?? []).map((f) => ({ id: f.id, channel: f.channel as FollowUpChannel, dueAt: f.dueAt.toISOString(), createdAt: f.createdAt.toISOString(), doneAt: f.doneAt?.toISOString() ?? null })),
    });
  }
  return records;
}

/** Rows per chat, in the order they came. */
function groupBy<T extends { conversationId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.conversationId);
    if (list) list.push(row);
    else out.set(row.conversationId, [row]);
  }
  return out;
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

  /**
   * The method figures of each operator's answered chats (those with at least one operator text).
   * Greetings and hints are judged on the texts by the method's own functions, so the chats stream
   * through `reviewChat` a batch at a time and only a few facts per chat are kept: memory stays
   * bounded by the batch, not by the period.
   */
  async methodFigures(chats: { id: string; operatorId: string | null }[]): Promise<Map<string, OperatorMethodFigures>> {
    const operatorOf = new Map(chats.flatMap((c) => (c.operatorId ? [[c.id, c.operatorId] as const] : [])));
    const answered: string[] = [];
    for (const ids of batches([...operatorOf.keys()], METHOD_BATCH)) {
      const rows = await this.ctx.db.message.groupBy({ by: ["conversationId"], where: { conversationId: { in: ids }, authorType: "operator", kind: "text" } });
      answered.push(...rows.map((r) => r.conversationId));
    }
    const facts = new Map<string, ChatMethodFacts[]>();
    for (const ids of batches(answered, METHOD_BATCH)) {
      const records = await chatRecords(this.ctx, ids);
      for (const [id, record] of records) {
        const operatorId = operatorOf.get(id)!;
        const list = facts.get(operatorId) ?? [];
        list.push(methodFactsOf(reviewChat(record)));
        facts.set(operatorId, list);
      }
    }
    return new Map([...facts].map(([operatorId, list]) => [operatorId, methodFiguresOf(list)]));
  }
}

/** How many chats are read into memory at once for the per-operator figures. */
const METHOD_BATCH = 200;

function* batches<T>(list: T[], size: number): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

/** What the per-operator figures keep of one chat's review. */
export interface ChatMethodFacts {
  greeted: boolean;
  summaryConfirmed: boolean;
  fullClosing: boolean;
  secondsToGreeting?: number;
  hints: number;
}

function methodFactsOf(r: MethodReview): ChatMethodFacts {
  return {
    greeted: r.greeted,
    summaryConfirmed: r.summaryConfirmed,
    fullClosing: r.checklistComplete && r.waitedForVisitor,
    ...(r.secondsToGreeting === undefined ? {} : { secondsToGreeting: r.secondsToGreeting }),
    hints: r.hints.length,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const share = (list: ChatMethodFacts[], test: (r: ChatMethodFacts) => boolean) => (list.length === 0 ? null : round2(list.filter(test).length / list.length));

export function methodFiguresOf(list: ChatMethodFacts[]): OperatorMethodFigures {
  const greetings = list.flatMap((r) => (r.secondsToGreeting === undefined ? [] : [r.secondsToGreeting])).sort((a, b) => a - b);
  return {
    reviewed: list.length,
    greetedRate: share(list, (r) => r.greeted),
    summaryConfirmedRate: share(list, (r) => r.summaryConfirmed),
    fullClosingRate: share(list, (r) => r.fullClosing),
    secondsToGreeting: { median: percentile(greetings, 0.5), p90: percentile(greetings, 0.9) },
    hintsPerChat: list.length === 0 ? null : round2(list.reduce((sum, r) => sum + r.hints, 0) / list.length),
  };
}
