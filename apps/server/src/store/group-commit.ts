// Group commit: appends that arrive while earlier ones are being stored are stored together, by one
// statement in one commit (one WAL flush), and each is answered only after that commit has returned.

export interface GroupCommitOptions {
  /** Batches being stored at once; more work waits and joins the next batch. */
  maxInFlight: number;
  /** Items per batch at most. */
  maxBatch: number;
}

interface Pending<T, R> {
  key: string;
  item: T;
  resolve: (value: R) => void;
  reject: (err: unknown) => void;
}

/**
 * Nothing waits for a timer: with a slot free an item goes at once (alone, at low load); only while every
 * slot is busy do items queue, and then they go together. A batch holds at most one item per key (a
 * conversation), and a key's next item waits until its batch in flight is done, so seq follows arrival order.
 */
export class GroupCommit<T, R> {
  private readonly queue: Array<Pending<T, R>> = [];
  private readonly busy = new Set<string>();
  private inFlight = 0;

  /** `store` stores a batch atomically (all or nothing) and answers each item in order. */
  constructor(
    private readonly store: (items: T[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(key: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ key, item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch: Array<Pending<T, R>> = [];
      const waiting: Array<Pending<T, R>> = [];
      const taken = new Set<string>();
      for (const pending of this.queue) {
        if (batch.length < this.options.maxBatch && !this.busy.has(pending.key) && !taken.has(pending.key)) {
          batch.push(pending);
          taken.add(pending.key);
        } else waiting.push(pending);
      }
      if (batch.length === 0) return;
      this.queue.splice(0, this.queue.length, ...waiting);
      for (const key of taken) this.busy.add(key);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        for (const key of taken) this.busy.delete(key);
        this.pump();
      });
    }
  }

  private async run(batch: Array<Pending<T, R>>): Promise<void> {
    try {
      const results = await this.store(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      // The statement failed as a whole (say, a concurrent send of the same clientId on another node) and
      // stored nothing: each item is tried again alone and gets its own answer. Nothing was acknowledged yet.
      for (const p of batch) await this.store([p.item]).then((results) => p.resolve(results[0]!), p.reject);
    }
  }
}
