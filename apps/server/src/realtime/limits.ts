// Flood protection for the public /visitor namespace: generous for people, firm for scripts.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { RateLimitedError } from "../auth/service.js";

const BUDGETS = {
  /** Messages per visitor (all tabs) per 10 s: far above anyone typing, below a flood. */
  message: { points: 60, duration: 10 },
  /** New chats per visitor, per minute. */
  start: { points: 10, duration: 60 },
  /** Offline messages per visitor, per hour: each one is a promise the team must keep. */
  offline: { points: 10, duration: 3600 },
} as const;

export type VisitorAction = keyof typeof BUDGETS;

export class VisitorRateLimits {
  private readonly limiters: Record<VisitorAction, RateLimiterMemory>;

  /** `messagesPer10s` overrides the message budget (VISITOR_MESSAGE_LIMIT), e.g. for an integration that replays history. */
  constructor(messagesPer10s?: number) {
    const budgets = { ...BUDGETS, message: { points: messagesPer10s ?? BUDGETS.message.points, duration: BUDGETS.message.duration } };
    this.limiters = Object.fromEntries(Object.entries(budgets).map(([action, budget]) => [action, new RateLimiterMemory(budget)])) as Record<VisitorAction, RateLimiterMemory>;
  }

  /** Takes one unit of the action's budget for `key`, or refuses with RATE_LIMITED and when to retry. */
  async take(action: VisitorAction, key: string): Promise<void> {
    try {
      await this.limiters[action].consume(key);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
      throw err;
    }
  }
}
