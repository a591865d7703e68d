// The visitor's expected wait as plain functions: how long chats take lately, and when each slot of
// the operators online is expected to free up; queued chats take the slots in turn, oldest first.

/** Assumed handling time while there is no history yet. */
export const DEFAULT_HANDLE_SECONDS = 240;
/** With fewer recent chats than this, the assumption still weighs in. */
const FULL_WEIGHT_SAMPLES = 10;
/** A chat running past the usual time is still expected to take a little while. */
const MIN_REMAINING_SHARE = 0.2;
/** A chat in wrap-up ends once the visitor leaves: soon. */
const WRAP_UP_SECONDS = 60;

/** Typical handling time: the median of recent chats, drawn towards the default while they are few. */
export function typicalHandleSeconds(recentSeconds: number[]): number {
  const sorted = recentSeconds.filter((s) => Number.isFinite(s) && s > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return DEFAULT_HANDLE_SECONDS;
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const weight = Math.min(1, sorted.length / FULL_WEIGHT_SAMPLES);
  return Math.max(30, weight * median + (1 - weight) * DEFAULT_HANDLE_SECONDS);
}

export interface OpenChat {
  /** Seconds since the chat was assigned. */
  elapsedSeconds: number;
  wrappingUp: boolean;
}

export interface OnlineOperator {
  maxChats: number;
  openChats: OpenChat[];
}

/** Seconds from now until each slot of the online operators is expected to be free (0 = free now). */
export function slotFreeTimes(operators: OnlineOperator[], handleSeconds: number): number[] {
  const times: number[] = [];
  for (const op of operators) {
    for (const chat of op.openChats.slice(0, op.maxChats)) {
      const remaining = Math.max(handleSeconds - chat.elapsedSeconds, handleSeconds * MIN_REMAINING_SHARE);
      times.push(chat.wrappingUp ? Math.min(remaining, WRAP_UP_SECONDS) : remaining);
    }
    for (let free = op.openChats.length; free < op.maxChats; free++) times.push(0);
  }
  return times.sort((a, b) => a - b);
}

/**
 * Expected wait of the first `count` chats in the queue, in order: each takes the slot that frees
 * first, which then frees again one handling time later. Rounded up to 10 seconds, so small drifts
 * do not make news. With nobody online it is as if one slot served the whole queue.
 */
export function queueWaits(slots: number[], handleSeconds: number, count: number): number[] {
  const free = slots.length > 0 ? [...slots] : [handleSeconds];
  const waits: number[] = [];
  for (let i = 0; i < count; i++) {
    const next = free.shift()!;
    waits.push(Math.ceil(next / 10) * 10);
    const again = next + handleSeconds;
    let at = free.findIndex((t) => t > again);
    if (at < 0) at = free.length;
    free.splice(at, 0, again);
  }
  return waits;
}
