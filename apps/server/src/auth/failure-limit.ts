// Failures counted per key (an account, an address) over a window: once a key has used up its
// failures it waits, whether or not the next attempt would succeed; successes cost nothing.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export class FailureLimit {
  private readonly limiter: RateLimiterMemory;

  constructor(failures: number, windowSeconds: number) {
    this.limiter = new RateLimiterMemory({ points: failures, duration: windowSeconds });
  }

  /** Seconds `key` must still wait (0 when it may try). */
  async waitSeconds(key: string): Promise<number> {
    const res = await this.limiter.get(key);
    if (res && res.consumedPoints >= this.limiter.points) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    return 0;
  }

  async fail(key: string): Promise<void> {
    await this.limiter.penalty(key, 1).catch((e: unknown) => {
      if (!(e instanceof RateLimiterRes)) throw e;
    });
  }
}
