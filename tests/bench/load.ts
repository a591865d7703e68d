// The load: operators online, visitors each in an assigned conversation, then every visitor sends at a
// fixed rate (open loop: a slow ack never delays the next send) while operators time each arrival.
import { performance } from "node:perf_hooks";
import type { Socket } from "socket.io-client";
import type { Message } from "@live-chat/protocol";
import { connectVisitor, emitAck, onlineOperator, sleep, type OperatorSocket, type VisitorSocket } from "../support/clients.js";

export interface LoadOptions {
  visitors: number;
  messagesPerSecond: number;
  warmupSeconds: number;
  measureSeconds: number;
}

export interface Target {
  url: string;
  operatorTokens: string[];
}

/** One visitor message, from the send to the operator's screen. Times are performance.now() of this process. */
export interface SentMessage {
  visitor: number;
  n: number;
  clientId: string;
  conversationId: string;
  scheduledAt: number;
  sentAt: number;
  /** Sent after the warm-up: counts towards the latency figures. */
  measured: boolean;
  ackAt?: number;
  ackError?: string;
  seq?: number;
  deliveries: number;
  deliveredAt?: number;
  /** The body the operator got carried the send time that was put in (nothing altered on the way). */
  bodyIntact?: boolean;
}

export interface LoadRun {
  messages: SentMessage[];
  conversationIds: string[];
  setupSeconds: number;
  loadSeconds: number;
  /** Sockets that dropped before the run ended, with Socket.IO's reason. */
  disconnects: string[];
}

const CONNECT_BATCH = 20;
const ASSIGN_TIMEOUT_MS = 60_000;
const ACK_TIMEOUT_MS = 15_000;
const DRAIN_TIMEOUT_MS = 15_000;
const SENT_AT = /sent-at=(\d+\.\d{3})$/;

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}

async function until(done: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await sleep(20);
  }
}

export async function runLoad(target: Target, options: LoadOptions): Promise<LoadRun> {
  const setupStart = performance.now();
  const byClientId = new Map<string, SentMessage>();
  const assigned = new Set<string>();
  const operators: OperatorSocket[] = [];
  const visitors: VisitorSocket[] = [];
  const disconnects: string[] = [];
  let finished = false;
  const watch = (socket: Pick<Socket, "on">, who: string) =>
    socket.on("disconnect", (reason) => {
      if (!finished) disconnects.push(`${who}: ${reason}`);
    });
  try {
    operators.push(...(await Promise.all(target.operatorTokens.map((token) => onlineOperator(target.url, token)))));
    operators.forEach((operator, i) => watch(operator, `operator ${i}`));
    for (const operator of operators) {
      operator.on("conversation:assigned", (conversation) => assigned.add(conversation.id));
      operator.on("message", (message: Message) => {
        const receivedAt = performance.now();
        const sent = message.clientId === undefined ? undefined : byClientId.get(message.clientId);
        if (!sent) return;
        sent.deliveries++;
        if (sent.deliveredAt !== undefined) return;
        sent.deliveredAt = receivedAt;
        const stamp = SENT_AT.exec(message.body);
        sent.bodyIntact = stamp !== null && Number(stamp[1]) === Number(sent.sentAt.toFixed(3));
      });
    }

    const indexes = Array.from({ length: options.visitors }, (_, i) => i);
    visitors.push(...(await inBatches(indexes, CONNECT_BATCH, async (i) => (await connectVisitor(target.url, { name: `Bench visitor ${i}`, locale: "en" })).socket)));
    visitors.forEach((visitor, i) => watch(visitor, `visitor ${i}`));
    const conversationIds = await inBatches(indexes, CONNECT_BATCH, async (i) => {
      const ack = await emitAck(visitors[i]!, "conversation:start", {});
      if (!ack.ok) throw new Error(`conversation:start failed: ${JSON.stringify(ack)}`);
      return ack.conversation.id as string;
    });
    await until(() => conversationIds.every((id) => assigned.has(id)), ASSIGN_TIMEOUT_MS, () => `${conversationIds.filter((id) => !assigned.has(id)).length} conversations never assigned`);
    const setupSeconds = (performance.now() - setupStart) / 1000;

    const interval = 1000 / options.messagesPerSecond;
    const perVisitor = Math.round((options.warmupSeconds + options.measureSeconds) * options.messagesPerSecond);
    const start = performance.now() + 200;
    const measureFrom = start + options.warmupSeconds * 1000;
    const messages: SentMessage[] = [];
    let pendingAcks = 0;
    let finishedSending = 0;

    const send = (visitor: number, n: number, scheduledAt: number) => {
      const sentAt = performance.now();
      const sent: SentMessage = {
        visitor,
        n,
        clientId: `bench-${visitor}-${n}`,
        conversationId: conversationIds[visitor]!,
        scheduledAt,
        sentAt,
        measured: scheduledAt >= measureFrom,
        deliveries: 0,
      };
      messages.push(sent);
      byClientId.set(sent.clientId, sent);
      pendingAcks++;
      const body = `Hello, I have a question about order ${1000 + n} (bench ${visitor}/${n}) sent-at=${sentAt.toFixed(3)}`;
      visitors[visitor]!.timeout(ACK_TIMEOUT_MS).emit("message:send", { conversationId: sent.conversationId, clientId: sent.clientId, body }, (err, ack) => {
        pendingAcks--;
        sent.ackAt = performance.now();
        if (err) sent.ackError = "ack timed out";
        else if (!ack.ok) sent.ackError = `${ack.error.code}: ${ack.error.message}`;
        else sent.seq = ack.message.seq;
      });
    };
    // Each visitor's first send is offset by its share of the interval, so the load is even, not in bursts.
    const schedule = (visitor: number, n: number) => {
      const scheduledAt = start + (visitor / options.visitors) * interval + n * interval;
      setTimeout(() => {
        send(visitor, n, scheduledAt);
        if (n + 1 < perVisitor) schedule(visitor, n + 1);
        else finishedSending++;
      }, Math.max(0, Math.ceil(scheduledAt - performance.now())));
    };
    for (const visitor of indexes) schedule(visitor, 0);

    const loadBudgetMs = (options.warmupSeconds + options.measureSeconds) * 1000 + DRAIN_TIMEOUT_MS;
    await until(
      () => finishedSending === options.visitors && pendingAcks === 0 && messages.every((m) => m.ackError !== undefined || m.deliveredAt !== undefined),
      loadBudgetMs,
      () => `${pendingAcks} acks pending, ${messages.filter((m) => m.deliveredAt === undefined).length} messages not delivered`,
    ).catch(() => undefined);
    // Late duplicates would show up shortly after the last delivery.
    await sleep(300);
    return { messages, conversationIds, setupSeconds, loadSeconds: (performance.now() - start) / 1000, disconnects };
  } finally {
    finished = true;
    for (const socket of [...visitors, ...operators]) socket.disconnect();
  }
}
