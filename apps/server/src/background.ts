// Work the server starts without a caller waiting on it (disconnect bookkeeping, queue drains,
// availability broadcasts) and the socket handlers in flight. Shutdown waits for all of it before
// it detaches the cluster and closes the database, so nothing half-done touches a closed client,
// and a failure is logged rather than left as an unhandled rejection.
import type { Logger } from "./log.js";

export class BackgroundWork {
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly log: Logger) {}

  /** Runs `fn` in the background; a failure is logged under `label`. Refused once shutdown is complete. */
  run(label: string, fn: () => Promise<unknown>): void {
    if (this.stopped) {
      this.log.debug({ label }, "background work refused after shutdown");
      return;
    }
    const task = Promise.resolve()
      .then(fn)
      .catch((err: unknown) => this.log.warn({ err, label }, "background work failed"));
    this.track(task);
  }

  /** Counts a promise someone else awaits (a socket handler before its ack) as work in flight. */
  track<T>(promise: Promise<T>): Promise<T> {
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return promise;
  }

  get inFlight(): number {
    return this.running.size;
  }

  /**
   * Waits until nothing is in flight, including work started by work that was waited for. Gives
   * up after `timeoutMs` (returns false) so a hung call cannot block shutdown.
   */
  async settle(timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) {
        this.log.warn({ inFlight: this.running.size }, "shutdown went on with background work still running");
        return false;
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all([...this.running]), new Promise((resolve) => (timer = setTimeout(resolve, left)))]);
      clearTimeout(timer);
    }
    return true;
  }

  /** Settles, then refuses new work: what the closed database or cluster could not do any more. */
  async close(timeoutMs = 5000): Promise<boolean> {
    const settled = await this.settle(timeoutMs);
    this.stopped = true;
    return settled;
  }
}
