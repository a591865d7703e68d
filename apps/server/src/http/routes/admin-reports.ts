// The reports summary: how quickly and how well the team answered, over the conversations started
// in a date range, computed from the stored conversations, their events and the visitors' ratings.
import { Router } from "express";
import { PHASES, planningQuerySchema, type OperatorReport, type Phase, type ReportSummary } from "@live-chat/protocol";
import type { Context } from "../../context.js";
import type { AuthService } from "../../auth/service.js";
import { AppError } from "../../errors.js";
import { parseQuery, requireAuth, requireReviewer } from "../middleware.js";
import { CoachingReports } from "../../coaching/reports.js";
import { methodFiguresOf } from "../../coaching/reviews.js";

const DAY_MS = 86_400_000;
const DEFAULT_RANGE_DAYS = 30;

/** One conversation as the summary needs it; times in milliseconds since the epoch. */
export interface ReportedConversation {
  createdAt: number;
  firstAssignedAt: number | null;
  firstResponseAt: number | null;
  closedAt: number | null;
  closeReason: string | null;
  transferCount: number;
  phaseReached: Phase;
  checklistComplete: boolean;
}

/** Nearest-rank percentile of sorted values (p in 0..1); the median averages the two middle values. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  if (p === 0.5 && sorted.length % 2 === 0) return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;
const sortedSeconds = (spans: (number | null)[]) => spans.filter((s): s is number => s !== null && s >= 0).map(seconds).sort((a, b) => a - b);

export interface ReportedFollowUp {
  dueAt: number;
  doneAt: number | null;
}

export function summarizeFollowUps(followUps: ReportedFollowUp[], now: number): ReportSummary["followUps"] {
  const keptOnTime = followUps.filter((f) => f.doneAt !== null && f.doneAt <= f.dueAt).length;
  const done = followUps.filter((f) => f.doneAt !== null).length;
  const open = followUps.length - done;
  // A promise still open before its time is neither kept nor broken yet, so the rate leaves it out.
  const decided = done + followUps.filter((f) => f.doneAt === null && f.dueAt < now).length;
  return {
    promised: followUps.length,
    keptOnTime,
    keptLate: done - keptOnTime,
    open,
    overdue: followUps.filter((f) => f.doneAt === null && f.dueAt < now).length,
    keptOnTimeRate: decided === 0 ? null : Math.round((keptOnTime / decided) * 100) / 100,
  };
}

export function summarize(range: { from: Date; to: Date }, conversations: ReportedConversation[], ratings: number[], followUps: ReportedFollowUp[], now: number): ReportSummary {
  const firstResponse = sortedSeconds(conversations.map((c) => (c.firstResponseAt === null ? null : c.firstResponseAt - c.createdAt)));
  const wait = sortedSeconds(conversations.map((c) => (c.firstAssignedAt === null ? null : c.firstAssignedAt - c.createdAt)));
  const handle = sortedSeconds(conversations.map((c) => (c.firstAssignedAt === null || c.closedAt === null ? null : c.closedAt - c.firstAssignedAt)));
  const answeredAndClosed = conversations.filter((c) => c.closedAt !== null && c.firstAssignedAt !== null);
  const byPhaseReached = Object.fromEntries(PHASES.map((phase) => [phase, 0])) as Record<Phase, number>;
  for (const c of conversations) byPhaseReached[c.phaseReached]++;
  const round2 = (n: number) => Math.round(n * 100) / 100;
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    conversations: conversations.length,
    missed: conversations.filter((c) => c.closeReason === "missed").length,
    firstResponseSeconds: { median: percentile(firstResponse, 0.5), p90: percentile(firstResponse, 0.9) },
    waitSeconds: { median: percentile(wait, 0.5), p90: percentile(wait, 0.9) },
    handleSeconds: { median: percentile(handle, 0.5) },
    transfersPerConversation: conversations.length === 0 ? 0 : round2(conversations.reduce((sum, c) => sum + c.transferCount, 0) / conversations.length),
    closingChecklistCompleteRate:
      answeredAndClosed.length === 0 ? null : round2(answeredAndClosed.filter((c) => c.checklistComplete).length / answeredAndClosed.length),
    csat: { average: ratings.length === 0 ? null : round2(ratings.reduce((a, b) => a + b, 0) / ratings.length), count: ratings.length },
    byPhaseReached,
    followUps: summarizeFollowUps(followUps, now),
  };
}

/** A bare date means the whole day (UTC): `from` at its start, `to` up to its end. */
export function rangeOf(query: { from?: string; to?: string }, now: Date): { from: Date; to: Date } {
  const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
  const to = query.to ? new Date(isDate(query.to) ? Date.parse(`${query.to}T00:00:00Z`) + DAY_MS : Date.parse(query.to)) : now;
  const from = query.from ? new Date(Date.parse(isDate(query.from) ? `${query.from}T00:00:00Z` : query.from)) : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime()) throw new AppError("BAD_REQUEST", "to");
  return { from, to };
}

/** The period's conversations, ratings and promises, with the operator each belongs to; only one contact reason's when given. */
export async function loadPeriod(ctx: Context, range: { from: Date; to: Date }, reason?: string) {
  const inRange = { createdAt: { gte: range.from, lt: range.to }, ...(reason ? { reasons: { some: { reasonId: reason } } } : {}) };
  const rows = await ctx.db.conversation.findMany({
    where: inRange,
    select: {
      id: true,
      operatorId: true,
      createdAt: true,
      assignedAt: true,
      firstResponseAt: true,
      closedAt: true,
      closeReason: true,
      transferCount: true,
      phaseReached: true,
      askedResolved: true,
      askedMoreQuestions: true,
      saidGoodbye: true,
      visitorLeft: true,
      rating: { select: { score: true } },
    },
  });
  // assignedAt moves with every transfer; the first "assigned" event is when the visitor stopped waiting.
  const assigned = await ctx.db.conversationEvent.groupBy({ by: ["conversationId"], where: { type: "assigned", conversation: inRange }, _min: { createdAt: true } });
  const firstAssigned = new Map(assigned.map((a) => [a.conversationId, a._min.createdAt]));
  const conversations = rows.map((r) => {
    const assignedAt = firstAssigned.get(r.id) ?? r.assignedAt;
    const reported: ReportedConversation = {
      createdAt: r.createdAt.getTime(),
      firstAssignedAt: assignedAt ? assignedAt.getTime() : null,
      firstResponseAt: r.firstResponseAt ? r.firstResponseAt.getTime() : null,
      closedAt: r.closedAt ? r.closedAt.getTime() : null,
      closeReason: r.closeReason,
      transferCount: r.transferCount,
      phaseReached: (PHASES as readonly string[]).includes(r.phaseReached) ? (r.phaseReached as Phase) : "opening",
      checklistComplete: r.askedResolved && r.askedMoreQuestions && r.saidGoodbye && r.visitorLeft,
    };
    return { id: r.id, operatorId: r.operatorId, reported, rating: r.rating?.score ?? null };
  });
  const promised = await ctx.db.followUp.findMany({ where: { createdAt: inRange.createdAt, ...(reason ? { conversation: { reasons: { some: { reasonId: reason } } } } : {}) }, select: { operatorId: true, dueAt: true, doneAt: true } });
  const followUps = promised.map((f) => ({ operatorId: f.operatorId, reported: { dueAt: f.dueAt.getTime(), doneAt: f.doneAt ? f.doneAt.getTime() : null } }));
  return { conversations, followUps };
}

export type Period = Awaited<ReturnType<typeof loadPeriod>>;

export function summarizePeriod(range: { from: Date; to: Date }, period: Period, now: number): ReportSummary {
  return summarize(
    range,
    period.conversations.map((c) => c.reported),
    period.conversations.flatMap((c) => (c.rating === null ? [] : [c.rating])),
    period.followUps.map((f) => f.reported),
    now,
  );
}

export function reportRoutes(ctx: Context, auth: AuthService): Router {
  const router = Router();
  const coaching = new CoachingReports(ctx);
  // Leads read the team's reports too; changing targets stays with admins (coaching.ts).
  router.use("/api/reports", requireAuth(auth), requireReviewer);

  router.get("/api/reports/summary", async (req, res) => {
    const query = parseQuery(planningQuerySchema, req);
    const range = rangeOf(query, new Date());
    const period = await loadPeriod(ctx, range, query.reason);
    res.json({ ...summarizePeriod(range, period, Date.now()), ...(await coaching.summaryExtras(range, period, query.reason)) });
  });

  /**
   * The same figures per operator: the chats that ended with them (a transferred chat counts for
   * whoever had it last) and the promises they made. Everyone who had a chat or is active is listed.
   */
  router.get("/api/reports/operators", async (req, res) => {
    const query = parseQuery(planningQuerySchema, req);
    const range = rangeOf(query, new Date());
    const period = await loadPeriod(ctx, range, query.reason);
    const method = await coaching.reviews.methodFigures(period.conversations);
    const ids = new Set<string>([...period.conversations, ...period.followUps].flatMap((x) => (x.operatorId ? [x.operatorId] : [])));
    const users = await ctx.db.user.findMany({ where: { OR: [{ id: { in: [...ids] } }, { active: true }] }, select: { id: true, name: true, active: true }, orderBy: { name: "asc" } });
    const now = Date.now();
    const rows: OperatorReport[] = users.map((u) => {
      const mine = {
        conversations: period.conversations.filter((c) => c.operatorId === u.id),
        followUps: period.followUps.filter((f) => f.operatorId === u.id),
      };
      const { from: _from, to: _to, missed: _missed, waitSeconds: _wait, ...figures } = summarizePeriod(range, mine, now);
      return { operator: { id: u.id, name: u.name, active: u.active }, ...figures, method: method.get(u.id) ?? methodFiguresOf([]) };
    });
    res.json({ from: range.from.toISOString(), to: range.to.toISOString(), operators: rows });
  });
  return router;
}
