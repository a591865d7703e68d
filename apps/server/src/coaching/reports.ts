// The reachability plan's figures: targets and reasons beside the summary, the hour-of-week heat map, days, and raw chat rows.
import type { DailyFigures, Heatmap, ServiceTarget, TargetMetric, TargetResult } from "@live-chat/protocol";
import type { Context } from "../context.js";
import { loadPeriod, summarizePeriod, type Period } from "../http/routes/admin-reports.js";
import { ReviewService } from "./reviews.js";
import { evaluateTargets, type TargetFigures } from "./targets.js";
import { localParts, nextDate, nextLocalHour, startOfLocalDay } from "./zone.js";

export type Range = { from: Date; to: Date };

const DAY_MS = 86_400_000;
const DEFAULT_RANGE_DAYS = 30;
const BUSIEST_CELLS = 5;

/** A bare date is a whole local day in `tz`; a date-time is an instant. */
export function rangeInZone(query: { from?: string; to?: string }, tz: string, now: Date): Range | null {
  const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
  const to = query.to ? new Date(isDate(query.to) ? startOfLocalDay(nextDate(query.to), tz) : Date.parse(query.to)) : now;
  const from = query.from ? new Date(isDate(query.from) ? startOfLocalDay(query.from, tz) : Date.parse(query.from)) : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  return from.getTime() < to.getTime() ? { from, to } : null;
}

const emptyGrid = () => Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
const round2 = (n: number) => Math.round(n * 100) / 100;

export class CoachingReports {
  readonly reviews: ReviewService;

  constructor(private readonly ctx: Context) {
    this.reviews = new ReviewService(ctx);
  }

  /** The time zone reports count in unless one is asked for: the business hours' zone. */
  async defaultTimeZone(): Promise<string> {
    return (await this.ctx.settings.get()).businessHours.timeZone;
  }

  async targets(): Promise<ServiceTarget[]> {
    const rows = await this.ctx.db.serviceTarget.findMany({ orderBy: { metric: "asc" } });
    return this.asStored(rows.map((r) => ({ metric: r.metric as TargetMetric, target: r.target, seconds: r.seconds ?? undefined })));
  }

  /** A list as `targets()` would read it back once saved: by metric, without absent fields. */
  asStored(targets: ServiceTarget[]): ServiceTarget[] {
    return [...targets]
      .sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0))
      .map((t) => ({ metric: t.metric, target: t.target, ...(t.seconds !== undefined && t.seconds !== null ? { seconds: t.seconds } : {}) }));
  }

  /** Replaces the whole list: a metric left out has no target any more. */
  async setTargets(targets: ServiceTarget[], by: string): Promise<ServiceTarget[]> {
    await this.ctx.db.$transaction([
      this.ctx.db.serviceTarget.deleteMany({ where: { metric: { notIn: targets.map((t) => t.metric) } } }),
      ...targets.map((t) =>
        this.ctx.db.serviceTarget.upsert({
          where: { metric: t.metric },
          create: { metric: t.metric, target: t.target, seconds: t.seconds ?? null, updatedById: by },
          update: { target: t.target, seconds: t.seconds ?? null, updatedById: by },
        }),
      ),
    ]);
    return this.targets();
  }

  private async targetFigures(range: Range, period: Period): Promise<TargetFigures> {
    const now = Date.now();
    const offline = await this.ctx.db.offlineMessage.findMany({ where: { createdAt: { gte: range.from, lt: range.to } }, select: { dueAt: true, handledAt: true } });
    return {
      summary: summarizePeriod(range, period, now),
      chats: period.conversations.map((c) => ({ createdAt: c.reported.createdAt, firstResponseAt: c.reported.firstResponseAt })),
      offlineMessages: offline.map((m) => ({ dueAt: m.dueAt.getTime(), handledAt: m.handledAt?.getTime() ?? null })),
      now,
    };
  }

  /** What the summary carries besides its own figures: the targets with the previous period, and the reasons. */
  async summaryExtras(range: Range, period: Period, reason?: string): Promise<{ targets: TargetResult[]; byReason: Record<string, number>; closedWithoutReason: number }> {
    const length = range.to.getTime() - range.from.getTime();
    const previousRange = { from: new Date(range.from.getTime() - length), to: range.from };
    const targets = await this.targets();
    const results =
      targets.length === 0
        ? []
        : evaluateTargets(targets, await this.targetFigures(range, period), await this.targetFigures(previousRange, await loadPeriod(this.ctx, previousRange, reason)));
    const ids = period.conversations.map((c) => c.id);
    const tags = await this.ctx.db.conversationReason.findMany({ where: { conversationId: { in: ids } }, select: { conversationId: true, reasonId: true } });
    const byReason: Record<string, number> = {};
    for (const tag of tags) byReason[tag.reasonId] = (byReason[tag.reasonId] ?? 0) + 1;
    const tagged = new Set(tags.map((t) => t.conversationId));
    // A missed chat never had an operator to give it a reason.
    const closedWithoutReason = period.conversations.filter((c) => c.reported.closedAt !== null && c.reported.closeReason !== "missed" && !tagged.has(c.id)).length;
    return { targets: results, byReason, closedWithoutReason };
  }

  /** Chats started per hour of the week, against the hours operators were online, in `tz`. */
  async heatmap(range: Range, tz: string, reason?: string): Promise<Heatmap> {
    const chats = await this.ctx.db.conversation.findMany({
      where: { createdAt: { gte: range.from, lt: range.to }, ...(reason ? { reasons: { some: { reasonId: reason } } } : {}) },
      select: { createdAt: true },
    });
    const cells = emptyGrid();
    for (const chat of chats) {
      const p = localParts(chat.createdAt.getTime(), tz);
      cells[p.weekday][p.hour]++;
    }
    const online = await this.ctx.db.presenceInterval.findMany({
      where: { presence: "online", startedAt: { lt: range.to }, OR: [{ endedAt: null }, { endedAt: { gt: range.from } }] },
      select: { startedAt: true, endedAt: true },
    });
    const hours = emptyGrid();
    const end = Math.min(range.to.getTime(), Date.now());
    for (const interval of online) {
      const until = Math.min(end, interval.endedAt?.getTime() ?? end);
      // Walk the interval local hour by local hour, so a DST day has its 23 or 25 hours.
      for (let at = Math.max(range.from.getTime(), interval.startedAt.getTime()); at < until; ) {
        const next = Math.min(until, nextLocalHour(at, tz));
        const p = localParts(at, tz);
        hours[p.weekday][p.hour] += (next - at) / 3_600_000;
        at = next;
      }
    }
    const operatorHours = hours.map((row) => row.map(round2));
    const busiest = cells
      .flatMap((row, weekday) => row.map((count, hour) => ({ weekday, hour, chats: count, operatorHours: operatorHours[weekday][hour] })))
      .filter((c) => c.chats > 0)
      .sort((a, b) => b.chats - a.chats || a.weekday - b.weekday || a.hour - b.hour)
      .slice(0, BUSIEST_CELLS);
    return { tz, from: range.from.toISOString(), to: range.to.toISOString(), cells, operatorHours, busiest };
  }

  /** Per local day in `tz`: chats started, of which missed, and offline messages left. */
  async daily(range: Range, tz: string, reason?: string): Promise<DailyFigures[]> {
    const inRange = { createdAt: { gte: range.from, lt: range.to } };
    const [chats, offline] = await Promise.all([
      this.ctx.db.conversation.findMany({ where: { ...inRange, ...(reason ? { reasons: { some: { reasonId: reason } } } : {}) }, select: { createdAt: true, closeReason: true } }),
      this.ctx.db.offlineMessage.findMany({ where: inRange, select: { createdAt: true } }),
    ]);
    const days = new Map<string, DailyFigures>();
    const last = localParts(range.to.getTime() - 1, tz).date;
    for (let date = localParts(range.from.getTime(), tz).date; date <= last; date = nextDate(date)) days.set(date, { date, chats: 0, missed: 0, offlineMessages: 0 });
    for (const chat of chats) {
      const day = days.get(localParts(chat.createdAt.getTime(), tz).date)!;
      day.chats++;
      if (chat.closeReason === "missed") day.missed++;
    }
    for (const message of offline) days.get(localParts(message.createdAt.getTime(), tz).date)!.offlineMessages++;
    return [...days.values()];
  }

  /** One row per chat started in the range, for a spreadsheet. */
  async chatRows(range: Range, tz: string, reason?: string) {
    const rows = await this.ctx.db.conversation.findMany({
      where: { createdAt: { gte: range.from, lt: range.to }, ...(reason ? { reasons: { some: { reasonId: reason } } } : {}) },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        createdAt: true,
        firstResponseAt: true,
        closedAt: true,
        status: true,
        closeReason: true,
        phaseReached: true,
        transferCount: true,
        locale: true,
        operator: { select: { name: true } },
        rating: { select: { score: true } },
        reasons: { select: { reason: { select: { nameNl: true, nameEn: true } } } },
      },
    });
    const local = (d: Date) => {
      const p = localParts(d.getTime(), tz);
      return `${p.date} ${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}:${String(p.second).padStart(2, "0")}`;
    };
    return rows.map((r) => ({
      id: r.id,
      startedLocal: local(r.createdAt),
      startedAt: r.createdAt.toISOString(),
      status: r.status,
      closeReason: r.closeReason,
      operator: r.operator?.name ?? null,
      firstResponseSeconds: r.firstResponseAt ? Math.round((r.firstResponseAt.getTime() - r.createdAt.getTime()) / 100) / 10 : null,
      closedAt: r.closedAt?.toISOString() ?? null,
      phaseReached: r.phaseReached,
      transfers: r.transferCount,
      rating: r.rating?.score ?? null,
      reasonsEn: r.reasons.map((x) => x.reason.nameEn).join("; "),
      reasonsNl: r.reasons.map((x) => x.reason.nameNl).join("; "),
    }));
  }
}
