// One load-generator process: holds operator or visitor sockets for the coordinator (load.ts), so the
// clients' work never competes with the coordinator; every time is wall-clock epoch ms, shared by all processes.
import { performance } from "node:perf_hooks";
import type { Socket } from "socket.io-client";
import type { Message } from "@live-chat/protocol";
import { connectVisitor, emitAck, onlineOperator, sleep, type OperatorSocket, type VisitorSocket } from "../support/clients.js";
import type { WorkerCommand, WorkerReply, SentRecord } from "./load-protocol.js";

const now = () => performance.timeOrigin + performance.now();
const CONNECT_BATCH = 20;
const ACK_TIMEOUT_MS = 15_000;
const DRAIN_TIMEOUT_MS = 15_000;
const SENT_AT = /sent-at=(\d+\.\d{3})$/;

const operators = new Map<number, OperatorSocket>();
const visitors = new Map<number, { socket: VisitorSocket; conversationId?: string }>();
const assigned = new Map<string, number>();
/** clientId → [first arrival, arrivals, the send time stamped in the body (null: the stamp was lost)]. */
const deliveries = new Map<string, [number, number, number | null]>();
const disconnects: string[] = [];
let closing = false;

function reply(message: WorkerReply): void {
  process.send!(message);
}

function watch(socket: Pick<Socket, "on">, who: string): void {
  socket.on("disconnect", (reason) => {
    if (!closing) disconnects.push(`${who}: ${reason}`);
  });
}

async function inBatches<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += CONNECT_BATCH) await Promise.all(items.slice(i, i + CONNECT_BATCH).map(work));
}

async function addOperators(list: Array<{ index: number; url: string; token: string }>): Promise<void> {
  await inBatches(list, async ({ index, url, token }) => {
    const socket = await onlineOperator(url, token);
    watch(socket, `operator ${index}`);
    socket.on("conversation:assigned", (conversation) => assigned.set(conversation.id, index));
    socket.on("message", (message: Message) => {
      const at = now();
      if (message.clientId === undefined) return;
      const seen = deliveries.get(message.clientId);
      if (seen) return void seen[1]++;
      const stamp = SENT_AT.exec(message.body);
      deliveries.set(message.clientId, [at, 1, stamp === null ? null : Number(stamp[1])]);
    });
    operators.set(index, socket);
  });
}

async function addVisitors(list: Array<{ index: number; url: string }>, start: boolean): Promise<Array<[number, string]>> {
  const started: Array<[number, string]> = [];
  await inBatches(list, async ({ index, url }) => {
    const { socket } = await connectVisitor(url, { name: `Bench visitor ${index}`, locale: "en" });
    watch(socket, `visitor ${index}`);
    const entry: { socket: VisitorSocket; conversationId?: string } = { socket };
    visitors.set(index, entry);
    if (!start) return;
    const ack = await emitAck(socket, "conversation:start", {});
    if (!ack.ok) throw new Error(`conversation:start failed: ${JSON.stringify(ack)}`);
    entry.conversationId = ack.conversation.id as string;
    started.push([index, entry.conversationId]);
  });
  return started;
}

/** Every visitor sends `count` messages `interval` ms apart from `startAt`, each offset by its share of the interval (open loop). */
async function send(command: Extract<WorkerCommand, { type: "send" }>): Promise<SentRecord[]> {
  const { startAt, measureFrom, interval, count, totalVisitors, step } = command;
  const records: SentRecord[] = [];
  let pending = 0;
  let finished = 0;
  const senders = [...visitors.entries()].filter(([, v]) => v.conversationId !== undefined);
  const sendOne = (index: number, conversationId: string, socket: VisitorSocket, n: number, scheduledAt: number) => {
    const sentAt = now();
    const record: SentRecord = { visitor: index, n, clientId: `s${step}-${index}-${n}`, conversationId, scheduledAt, sentAt, measured: scheduledAt >= measureFrom };
    records.push(record);
    pending++;
    const body = `Hello, I have a question about order ${1000 + n} (bench ${index}/${n}) sent-at=${sentAt.toFixed(3)}`;
    socket.timeout(ACK_TIMEOUT_MS).emit("message:send", { conversationId, clientId: record.clientId, body }, (err: Error | null, ack: { ok: boolean; message?: { seq: number }; error?: { code: string; message: string } }) => {
      pending--;
      record.ackAt = now();
      if (err) record.ackError = "ack timed out";
      else if (!ack.ok) record.ackError = `${ack.error?.code}: ${ack.error?.message}`;
      else record.seq = ack.message?.seq;
    });
  };
  for (const [index, { socket, conversationId }] of senders) {
    const schedule = (n: number) => {
      const scheduledAt = startAt + ((index % totalVisitors) / totalVisitors) * interval + n * interval;
      setTimeout(() => {
        sendOne(index, conversationId!, socket, n, scheduledAt);
        if (n + 1 < count) schedule(n + 1);
        else finished++;
      }, Math.max(0, Math.ceil(scheduledAt - now())));
    };
    schedule(0);
  }
  const deadline = startAt + count * interval + DRAIN_TIMEOUT_MS;
  while (!(finished === senders.length && pending === 0) && now() < deadline) await sleep(20);
  return records;
}

process.on("message", (command: WorkerCommand) => {
  const run = async (): Promise<WorkerReply> => {
    switch (command.type) {
      case "operators":
        await addOperators(command.operators);
        return { type: "done" };
      case "presence":
        await Promise.all(command.online.map((i) => emitAck(operators.get(i)!, "presence:set", { status: "online" })));
        await Promise.all(command.away.map((i) => emitAck(operators.get(i)!, "presence:set", { status: "away" })));
        return { type: "done" };
      case "visitors":
        return { type: "started", conversations: await addVisitors(command.visitors, command.start) };
      case "assigned":
        return { type: "assigned", conversations: [...assigned.entries()] };
      case "send":
        return { type: "sent", messages: await send(command), disconnects: disconnects.splice(0) };
      case "deliveries":
        return { type: "deliveries", deliveries: [...deliveries.entries()].map(([clientId, [at, count, stamp]]) => [clientId, at, count, stamp]), disconnects: disconnects.splice(0) };
      case "reset":
        deliveries.clear();
        return { type: "done" };
      case "close":
        closing = true;
        for (const socket of operators.values()) socket.disconnect();
        for (const { socket } of visitors.values()) socket.disconnect();
        setTimeout(() => process.exit(0), 50);
        return { type: "done" };
    }
  };
  run().then(reply, (err: unknown) => reply({ type: "error", message: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
});
reply({ type: "ready" });
