// Service targets against a period's figures: what each metric measures and which way is better.
import type { ReportSummary, ServiceTarget, TargetMetric, TargetResult } from "@live-chat/protocol";

/** What a period offers to measure targets against; times in milliseconds since the epoch. */
export interface TargetFigures {
  summary: ReportSummary;
  chats: { createdAt: number; firstResponseAt: number | null }[];
  offlineMessages: { dueAt: number; handledAt: number | null }[];
  now: number;
}

/** Metrics where less is better; for every other one the actual figure must reach the target. */
const AT_MOST: TargetMetric[] = ["median_wait_seconds_max"];

const round2 = (n: number) => Math.round(n * 100) / 100;

export function actualOf(target: ServiceTarget, figures: TargetFigures): number | null {
  const { summary } = figures;
  switch (target.metric) {
    case "answered_within_seconds": {
      if (figures.chats.length === 0) return null;
      const within = (target.seconds ?? 0) * 1000;
      return round2(figures.chats.filter((c) => c.firstResponseAt !== null && c.firstResponseAt - c.createdAt <= within).length / figures.chats.length);
    }
    case "median_wait_seconds_max":
      return summary.waitSeconds.median;
    case "offline_answered_on_time": {
      // Like promises: one not answered yet and not yet due is neither on time nor late.
      const decided = figures.offlineMessages.filter((m) => m.handledAt !== null || m.dueAt < figures.now);
      if (decided.length === 0) return null;
      return round2(decided.filter((m) => m.handledAt !== null && m.handledAt <= m.dueAt).length / decided.length);
    }
    case "follow_ups_kept_on_time":
      return summary.followUps.keptOnTimeRate;
    case "closing_checklist_complete":
      return summary.closingChecklistCompleteRate;
    case "rating_average":
      return summary.csat.average;
  }
}

export function isMet(target: ServiceTarget, actual: number | null): boolean | null {
  if (actual === null) return null;
  return AT_MOST.includes(target.metric) ? actual <= target.target : actual >= target.target;
}

export function evaluateTargets(targets: ServiceTarget[], current: TargetFigures, previous: TargetFigures): TargetResult[] {
  return targets.map((target) => {
    const actual = actualOf(target, current);
    return { ...target, actual, met: isMet(target, actual), previous: actualOf(target, previous) };
  });
}
