// The load: operators online, visitors each in an assigned conversation, then every visitor sends at a
// fixed rate (open loop: a slow ack never delays the next send) while operators time each arrival.
// The sockets live in load-generator processes (load-worker.ts); this coordinator only directs them.
import { fork, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { sleep } from "../support/clients.js";
import type { SentRecord, WorkerCommand, WorkerReply } from "./load-protocol.js";

export interface LoadOptions {
  visitors: number;
  messagesPerSecond: number;
  warmupSeconds: number;
  measureSeconds: number;
}

export interface Target {
  /** Every node's URL; visitors and operators are spread over them. */
  nodes: string[];
  operatorTokens: string[];
}

/** One visitor message, from the send to the operator's screen. Times are epoch ms, the same clock in every process. */
export interface SentMessage extends SentRecord {
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
  /** Conversations whose operator sat on the same node as their visitor (a cluster run wants none). */
  sameNodeAssignments: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const ASSIGN_TIMEOUT_MS = 60_000;
const DELIVERY_GRACE_MS = 5_000;
const now = () => performance.timeOrigin + performance.now();

/** A load-generator process, asked one thing at a time. */
class LoadProcess {
  private readonly waiting: Array<{ resolve: (r: WorkerReply) => void; reject: (e: Error) => void }> = [];
  private constructor(private readonly child: ChildProcess) {
    child.on("message", (reply: WorkerReply) => {
      const next = this.waiting.shift();
      if (!next) return;
      if (reply.type === "error") next.reject(new Error(`load process: ${reply.message}`));
      else next.resolve(reply);
    });
    child.on("exit", (code) => {
      for (const w of this.waiting.splice(0)) w.reject(new Error(`load process exited with ${code}`));
    });
  }

  static async start(): Promise<LoadProcess> {
    const child = fork(join(here, "load-worker.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const process = new LoadProcess(child);
    await new Promise<WorkerReply>((resolve, reject) => process.waiting.push({ resolve, reject }));
    return process;
  }

  ask<T extends WorkerReply["type"]>(command: WorkerCommand): Promise<Extract<WorkerReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve: resolve as (r: WorkerReply) => void, reject });
      this.child.send(command);
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    await this.ask({ type: "close" }).catch(() => undefined);
    await Promise.race([exited, sleep(2000)]);
    this.child.kill("SIGKILL");
  }
}

/** BENCH_CLUSTER_PLACEMENT: where a cluster's chats go (see the bench README). */
export function clusterPlacement(value = process.env.BENCH_CLUSTER_PLACEMENT): "cross" | "same" | "natural" {
  if (!value || value === "cross") return "cross";
  if (value === "same" || value === "natural") return value;
  throw new Error(`BENCH_CLUSTER_PLACEMENT must be "cross", "same" or "natural", not ${JSON.stringify(value)}`);
}

/**
 * A target under load that can grow: more visitors, then a timed step at a given rate, again and again.
 * Operator i sits on node i mod N. On a cluster (placement `cross`, the default) each node's new visitors start
 * while only the operators of the next node are online, so routing gives every chat to an operator on another
 * node than its visitor; `same` keeps them on their visitor's node; `natural` leaves it to the product's routing.
 */
export class LoadSession {
  private visitorCount = 0;
  private readonly conversationByVisitor = new Map<number, string>();
  private operatorOfConversation = new Map<string, number>();
  private setupMs = 0;

  private constructor(
    private readonly target: Target,
    private readonly operatorProcess: LoadProcess,
    private readonly visitorProcesses: LoadProcess[],
  ) {}

  static async open(target: Target, visitorProcessCount: number): Promise<LoadSession> {
    const [operatorProcess, ...visitorProcesses] = await Promise.all(Array.from({ length: 1 + Math.max(1, visitorProcessCount) }, () => LoadProcess.start()));
    const session = new LoadSession(target, operatorProcess!, visitorProcesses);
    const operators = target.operatorTokens.map((token, index) => ({ index, token, url: session.nodeOf(index) }));
    await operatorProcess!.ask({ type: "operators", operators });
    return session;
  }

  private nodeOf(index: number): string {
    return this.target.nodes[index % this.target.nodes.length]!;
  }

  /** The load-generator processes' ids, to measure their CPU. */
  get pids(): number[] {
    return [this.operatorProcess, ...this.visitorProcesses].map((p) => p.pid);
  }

  get visitors(): number {
    return this.visitorCount;
  }

  /** Connects visitors until there are `total`, each in a conversation assigned to an operator. */
  async grow(total: number): Promise<void> {
    const began = now();
    const nodes = this.target.nodes.length;
    const fresh = Array.from({ length: Math.max(0, total - this.visitorCount) }, (_, i) => this.visitorCount + i);
    const placement = nodes > 1 ? clusterPlacement() : "natural";
    // Natural: every operator online, every node's visitors at once; routing alone decides where each chat goes.
    const groups = placement === "natural" ? [fresh] : Array.from({ length: nodes }, (_, node) => fresh.filter((v) => v % nodes === node));
    for (const [node, here] of groups.entries()) {
      if (here.length === 0) continue;
      if (placement !== "natural") {
        const serving = placement === "same" ? node : (node + 1) % nodes;
        const all = this.target.operatorTokens.map((_, i) => i);
        await this.operatorProcess.ask({ type: "presence", online: all.filter((i) => i % nodes === serving), away: all.filter((i) => i % nodes !== serving) });
      }
      const perProcess = this.visitorProcesses.map((_, p) => here.filter((v) => v % this.visitorProcesses.length === p).map((index) => ({ index, url: this.nodeOf(index) })));
      const replies = await Promise.all(this.visitorProcesses.map((p, i) => p.ask<"started">({ type: "visitors", visitors: perProcess[i]!, start: true })));
      for (const reply of replies) for (const [visitor, conversationId] of reply.conversations) this.conversationByVisitor.set(visitor, conversationId);
      await this.untilAssigned(here.map((v) => this.conversationByVisitor.get(v)!));
    }
    this.visitorCount = Math.max(this.visitorCount, total);
    this.setupMs += now() - began;
  }

  private async untilAssigned(conversationIds: string[]): Promise<void> {
    const deadline = Date.now() + ASSIGN_TIMEOUT_MS;
    for (;;) {
      const reply = await this.operatorProcess.ask<"assigned">({ type: "assigned" });
      this.operatorOfConversation = new Map(reply.conversations);
      const missing = conversationIds.filter((id) => !this.operatorOfConversation.has(id)).length;
      if (missing === 0) return;
      if (Date.now() > deadline) throw new Error(`timed out: ${missing} conversations never assigned`);
      await sleep(50);
    }
  }

  /** One timed step: every visitor sends `rate` messages a second for the warm-up and the measured seconds. */
  async step(step: number, rate: number, warmupSeconds: number, measureSeconds: number): Promise<LoadRun> {
    await this.operatorProcess.ask({ type: "reset" });
    const interval = 1000 / rate;
    const count = Math.max(1, Math.round((warmupSeconds + measureSeconds) * rate));
    const startAt = now() + 300;
    const command: WorkerCommand = { type: "send", step, startAt, measureFrom: startAt + warmupSeconds * 1000, interval, count, totalVisitors: this.visitorCount };
    const sent = await Promise.all(this.visitorProcesses.map((p) => p.ask<"sent">(command)));
    const records = sent.flatMap((s) => s.messages);
    const disconnects = sent.flatMap((s) => s.disconnects);
    const lastAck = Math.max(now(), ...records.map((r) => r.ackAt ?? 0));
    let delivered = await this.operatorProcess.ask<"deliveries">({ type: "deliveries" });
    const acked = records.filter((r) => r.seq !== undefined).length;
    while (delivered.deliveries.length < acked && now() < lastAck + DELIVERY_GRACE_MS) {
      await sleep(100);
      delivered = await this.operatorProcess.ask<"deliveries">({ type: "deliveries" });
    }
    // Late duplicates would show up shortly after the last delivery.
    await sleep(300);
    delivered = await this.operatorProcess.ask<"deliveries">({ type: "deliveries" });
    disconnects.push(...delivered.disconnects);
    const byClientId = new Map(delivered.deliveries.map(([clientId, at, deliveries, stamp]) => [clientId, { at, deliveries, stamp }]));
    const messages: SentMessage[] = records.map((r) => {
      const d = byClientId.get(r.clientId);
      return d ? { ...r, deliveries: d.deliveries, deliveredAt: d.at, bodyIntact: d.stamp !== null && d.stamp === Number(r.sentAt.toFixed(3)) } : { ...r, deliveries: 0 };
    });
    const nodes = this.target.nodes.length;
    const sameNodeAssignments = nodes === 1 ? 0 : [...this.conversationByVisitor].filter(([visitor, id]) => (this.operatorOfConversation.get(id) ?? -1) % nodes === visitor % nodes).length;
    return {
      messages,
      conversationIds: [...this.conversationByVisitor.values()],
      setupSeconds: this.setupMs / 1000,
      loadSeconds: (now() - startAt) / 1000,
      disconnects,
      sameNodeAssignments,
    };
  }

  /** Connects `count` visitors that start nothing and send nothing, spread over the nodes and processes. */
  async connectIdle(count: number): Promise<void> {
    const all = Array.from({ length: count }, (_, i) => this.visitorCount + i);
    const perProcess = this.visitorProcesses.map((_, p) => all.filter((v) => v % this.visitorProcesses.length === p).map((index) => ({ index, url: this.nodeOf(index) })));
    await Promise.all(this.visitorProcesses.map((p, i) => p.ask({ type: "visitors", visitors: perProcess[i]!, start: false })));
    this.visitorCount += count;
  }

  async close(): Promise<void> {
    await Promise.all([this.operatorProcess, ...this.visitorProcesses].map((p) => p.close()));
  }
}

/** The classic run: one target, a fixed number of visitors at a fixed rate. */
export async function runLoad(target: Target, options: LoadOptions, visitorProcesses = 2): Promise<LoadRun> {
  const session = await LoadSession.open(target, visitorProcesses);
  try {
    await session.grow(options.visitors);
    return await session.step(0, options.messagesPerSecond, options.warmupSeconds, options.measureSeconds);
  } finally {
    await session.close();
  }
}
