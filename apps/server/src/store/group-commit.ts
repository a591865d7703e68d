// Group commit for PostgreSQL: appends that arrive while earlier ones are committing share one
// transaction and one WAL flush, and each is acknowledged only after that COMMIT has returned.
import type { Pool, PoolClient } from "pg";

/** One queued piece of work: `run` issues its statements on the batch's connection, inside the batch's transaction. */
interface Pending<R> {
  key: string;
  run: (client: PoolClient) => Promise<R>;
  /** Runs it alone (its own statement, its own commit) when its batch had to be rolled back. */
  alone: () => Promise<R>;
  resolve: (value: R) => void;
  reject: (err: unknown) => void;
}

export interface GroupCommitOptions {
  /** Transactions in flight at once; more work waits and joins the next batch. */
  maxInFlight: number;
  /** Appends per transaction at most. */
  maxBatch: number;
}

/**
 * A message never waits for a timer: with nothing in flight it goes alone at once; only under load
 * does it wait for a free transaction slot, and then it commits with everything else that waited.
 * Work for one key (a conversation) stays in arrival order: it joins no batch while an earlier
 * batch holding that key is still in flight, so seq follows the order the sends arrived in.
 */
export class GroupCommit {
  private readonly queue: Array<Pending<unknown>> = [];
  /** Keys held by batches in flight, with how many of their items each holds. */
  private readonly busy = new Map<string, number>();
  private inFlight = 0;

  constructor(
    private readonly pool: Pool,
    private readonly options: GroupCommitOptions,
  ) {}

  submit<R>(key: string, run: (client: PoolClient) => Promise<R>, alone: () => Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ key, run, alone, resolve, reject } as Pending<unknown>);
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch: Array<Pending<unknown>> = [];
      const waiting: Array<Pending<unknown>> = [];
      const blocked = new Set<string>();
      for (const item of this.queue) {
        // A key whose earlier item waits stays behind it, so nothing of one key overtakes.
        if (batch.length < this.options.maxBatch && !this.busy.has(item.key) && !blocked.has(item.key)) batch.push(item);
        else {
          waiting.push(item);
          blocked.add(item.key);
        }
      }
      if (batch.length === 0) return;
      this.queue.splice(0, this.queue.length, ...waiting);
      for (const item of batch) this.busy.set(item.key, (this.busy.get(item.key) ?? 0) + 1);
      this.inFlight++;
      void this.commit(batch).finally(() => {
        this.inFlight--;
        for (const item of batch) {
          const left = (this.busy.get(item.key) ?? 1) - 1;
          if (left === 0) this.busy.delete(item.key);
          else this.busy.set(item.key, left);
        }
        this.pump();
      });
    }
  }

  private async commit(batch: Array<Pending<unknown>>): Promise<void> {
    // One item needs no transaction of its own: its single statement commits by itself.
    if (batch.length === 1) {
      const only = batch[0]!;
      await only.alone().then(only.resolve, only.reject);
      return;
    }
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      for (const item of batch) item.reject(err);
      return;
    }
    const results: unknown[] = [];
    try {
      await client.query("BEGIN");
      // Rows are locked in key order (a stable sort keeps each key's own order), so two nodes' batches cannot deadlock.
      const ordered = batch.map((item, at) => ({ item, at })).sort((a, b) => (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0));
      for (const { item, at } of ordered) results[at] = await item.run(client);
    } catch {
      // A statement failed (say, a concurrent send of the same clientId): the whole batch is undone,
      // so each item is tried again alone and gets its own answer; nothing was acknowledged yet.
      const rolledBack = await client.query("ROLLBACK").then(() => true, () => false);
      client.release(!rolledBack);
      // One after another, in arrival order: two items of one key must not race each other.
      for (const item of batch) await item.alone().then(item.resolve, item.reject);
      return;
    }
    try {
      await client.query("COMMIT");
    } catch (err) {
      // The outcome of a failed COMMIT is unknown: nobody is told "stored"; a resend with the same clientId finds out.
      client.release(true);
      for (const item of batch) item.reject(err);
      return;
    }
    client.release();
    batch.forEach((item, i) => item.resolve(results[i]));
  }
}
