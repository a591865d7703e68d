// The saturation point: raise the message rate (and the visitors) step by step on one target until p99
// delivery passes the limit or anything is lost; the last step that held is its maximum sustained rate.
import { loadavg } from "node:os";
import { LoadSession } from "./load.js";
import { summarise, type RunSummary } from "./stats.js";
import { startNamed, type StorageCheck, type TargetName } from "./targets.js";
import { createClient } from "redis";
import { CpuGroup, CpuMeter, perMessage, redisCommandCalls, type CpuUse } from "./cpu.js";

export interface RampOptions {
  /** Total messages a second of the first step, and the factor each next step multiplies it by. */
  startRate: number;
  factor: number;
  /** Visitors of the first step; each step adds as many again, up to maxVisitors. */
  startVisitors: number;
  maxVisitors: number;
  maxSteps: number;
  warmupSeconds: number;
  stepSeconds: number;
  /** A step holds while its p99 delivery stays at most this. */
  p99LimitMs: number;
  /**
   * BENCH_RAMP_PRIME_SECONDS: before the first step, the first step's visitors send at its rate for this
   * long, unmeasured (stored and checked like every other message), so no target is timed on cold code.
   */
  primeSeconds?: number;
  /**
   * BENCH_RAMP_CONFIRM: a step that fails is run this many times more at the same rate and visitors
   * before the ramp stops (a stall of a shared machine is not a saturation point). Every try is recorded.
   */
  confirmTries?: number;
  loadProcesses: number;
  postgresUrl: string;
  redisUrl: string;
  /** BENCH_NODE_CPU: each node (product, floor or relay) in its own cgroup capped at this share of a core. */
  nodeCpu?: number;
  /** BENCH_PROFILE_DIR: each node writes its CPU profile there when it stops. */
  profileDir?: string;
}

export interface StepCpu extends CpuUse {
  /** CPU seconds each node spent per 1,000 messages the step sent (warm-up included, as the CPU is). */
  perThousandMessages: number[];
  /** Each node's main-thread wake-ups per message sent (voluntary context switches; see cpu.ts). */
  wakeupsPerMessage: number[];
  /** With the cap: seconds each node's group was held back by it in the step. */
  throttledSeconds?: number[];
  /** A cluster's Redis commands per message sent, by command (INFO commandstats of the whole Redis server). */
  redisCommandsPerMessage?: Record<string, number>;
}

export interface RampStep {
  step: number;
  visitors: number;
  perVisitorRate: number;
  /** The rate asked for, and the rate delivered in the measured seconds. */
  targetRate: number;
  deliveredRate: number;
  summary: RunSummary;
  /** Chats whose operator sat on the visitor's own node (a cluster wants 0). */
  sameNodeAssignments: number;
  cpu: StepCpu;
  /** The machine's 1-minute load average at the end of the step. */
  loadAverage: number;
  held: boolean;
  why: string[];
  /** 0 for a step's first try; 1, 2 … for the tries that confirm a failure. */
  attempt: number;
}

export interface RampResult {
  target: TargetName;
  nodes: number;
  /** The cap on each node, in cores (none: uncapped). */
  nodeCpu?: number;
  steps: RampStep[];
  /** Messages the priming phase sent and had acknowledged (stored, checked, not timed). */
  primed: { sent: number; acknowledged: number };
  /** The delivered rate of the last step that held (0: not even the first). */
  maxSustainedRate: number;
  /** The CPU of the last step that held: per node, per 1,000 messages, and what the rest of the machine used. */
  cpuAtMax?: StepCpu;
  storage?: StorageCheck;
  serverErrors: string[];
  /** Why the ramp stopped. */
  stoppedBecause: string;
}

/** What made a step fail: lost, refused, dropped or altered messages, p99 past the limit, or a generator that fell behind. */
export function stepProblems(s: RunSummary, p99LimitMs: number): string[] {
  const why: string[] = [];
  if (s.acknowledged !== s.sent) why.push(`${s.sent - s.acknowledged} of ${s.sent} not acknowledged (${s.ackErrors.slice(0, 2).join("; ")})`);
  if (s.delivered !== s.sent) why.push(`${s.sent - s.delivered} of ${s.sent} never reached an operator`);
  if (s.duplicatesDelivered > 0) why.push(`${s.duplicatesDelivered} delivered twice`);
  if (s.alteredBodies > 0) why.push(`${s.alteredBodies} bodies altered`);
  if (s.disconnects.length > 0) why.push(`sockets dropped (${s.disconnects.slice(0, 2).join("; ")})`);
  if (!(s.delivery.p99 <= p99LimitMs)) why.push(`p99 delivery ${s.delivery.p99} ms > ${p99LimitMs} ms`);
  return why;
}

export async function runRamp(name: TargetName, options: RampOptions, log: (line: string) => void = () => undefined): Promise<RampResult> {
  const visitorsAt = (step: number) => Math.min(options.maxVisitors, options.startVisitors * (step + 1));
  const target = await startNamed(name, visitorsAt(options.maxSteps - 1), options);
  const steps: RampStep[] = [];
  const messages: Parameters<NonNullable<typeof target.verify>>[0]["messages"] = [];
  let stoppedBecause = `all ${options.maxSteps} steps held`;
  let primed = { sent: 0, acknowledged: 0 };
  let session: LoadSession | undefined;
  // With capped nodes the load generators get a group of their own too: uncapped, but weighted so other work on the machine does not starve them.
  let loadGroup: CpuGroup | undefined;
  const redis = target.nodes.length > 1 ? createClient({ url: options.redisUrl }) : undefined;
  try {
    await redis?.connect();
    session = await LoadSession.open(target, options.loadProcesses);
    const meter = new CpuMeter(target.pids, () => session?.pids ?? []);
    if (options.nodeCpu !== undefined) {
      loadGroup = CpuGroup.create("load", undefined);
      for (const pid of [process.pid, ...session.pids]) loadGroup.add(pid);
    }
    if ((options.primeSeconds ?? 0) > 0) {
      await session.grow(visitorsAt(0));
      const run = await session.step(-1, options.startRate / visitorsAt(0), 0, options.primeSeconds!);
      messages.push(...run.messages);
      const s = summarise(run);
      primed = { sent: s.sent, acknowledged: s.acknowledged };
      log(`${name} primed: ${s.sent} messages in ${options.primeSeconds} s, ${s.acknowledged} acknowledged, p99 delivery ${s.delivery.p99} ms (not a step)`);
    }
    for (let step = 0; step < options.maxSteps; step++) {
      const targetRate = options.startRate * options.factor ** step;
      const visitors = visitorsAt(step);
      await session.grow(visitors);
      const perVisitorRate = targetRate / visitors;
      let held = false;
      for (let attempt = 0; !held; attempt++) {
        const throttledBefore = target.cpuGroups.map((g) => g.throttling().throttledSeconds);
        const callsBefore = redis ? await redisCommandCalls(redis) : undefined;
        const before = meter.sample();
        // (Each try its own run number: the clientIds of a step's tries must differ.)
        const run = await session.step(step + 1000 * attempt, perVisitorRate, options.warmupSeconds, options.stepSeconds);
        const use = CpuMeter.between(before, meter.sample());
        const callsAfter = redis ? await redisCommandCalls(redis) : undefined;
        const cpu: StepCpu = {
          ...use,
          perThousandMessages: use.nodes.map((s) => Math.round((s / (run.messages.length / 1000)) * 1000) / 1000),
          wakeupsPerMessage: use.nodeWakeups.map((w) => Math.round((w / Math.max(1, run.messages.length)) * 100) / 100),
          ...(callsBefore && callsAfter ? { redisCommandsPerMessage: perMessage(callsBefore, callsAfter, run.messages.length) } : {}),
          ...(target.cpuGroups.length > 0 ? { throttledSeconds: target.cpuGroups.map((g, i) => Math.round((g.throttling().throttledSeconds - throttledBefore[i]!) * 100) / 100) } : {}),
        };
        messages.push(...run.messages);
        const summary = summarise(run);
        const measured = run.messages.filter((m) => m.measured);
        const deliveredRate = measured.filter((m) => m.deliveredAt !== undefined).length / options.stepSeconds;
        const why = stepProblems(summary, options.p99LimitMs);
        // An open-loop generator that cannot keep its schedule would measure a lower rate than it claims.
        if (summary.sendLag.p99 > options.p99LimitMs) why.push(`the load generator fell behind (send lag p99 ${summary.sendLag.p99} ms)`);
        held = why.length === 0;
        steps.push({ step, attempt, visitors, perVisitorRate: Math.round(perVisitorRate * 100) / 100, targetRate: Math.round(targetRate), deliveredRate: Math.round(deliveredRate), summary, sameNodeAssignments: run.sameNodeAssignments, cpu, loadAverage: Math.round(loadavg()[0]! * 100) / 100, held, why });
        log(`${name} step ${step}${attempt > 0 ? ` (try ${attempt + 1})` : ""}: ${visitors} visitors × ${perVisitorRate.toFixed(2)} msg/s = ${Math.round(targetRate)} msg/s asked, ${Math.round(deliveredRate)} delivered, p50 ${summary.delivery.p50} ms, p99 ${summary.delivery.p99} ms; cores: nodes ${cpu.nodeCores.join("/")}, load ${cpu.loadGeneratorCores}, postgres ${cpu.postgresCores}, redis ${cpu.redisCores}; node CPU-s/1000 msg ${cpu.perThousandMessages.join("/")}, wake-ups/msg ${cpu.wakeupsPerMessage.join("/")}${cpu.redisCommandsPerMessage ? `; Redis commands/msg ${JSON.stringify(cpu.redisCommandsPerMessage)}` : ""}${held ? "" : ` — stops: ${why.join("; ")}`}`);
        // Only a late p99 (or a generator behind) gets another try: a lost message is never retried away.
        const lost = summary.acknowledged !== summary.sent || summary.delivered !== summary.sent || summary.duplicatesDelivered > 0 || summary.alteredBodies > 0;
        if (!held && (lost || attempt >= (options.confirmTries ?? 0))) {
          stoppedBecause = why.join("; ");
          break;
        }
      }
      if (!held) break;
    }
    await session.close();
    session = undefined;
    const storage = target.verify ? await target.verify({ messages, conversationIds: [...new Set(messages.map((m) => m.conversationId))] }) : undefined;
    const lastHeld = [...steps].reverse().find((s) => s.held);
    return { target: name, nodes: target.nodes.length, ...(options.nodeCpu !== undefined ? { nodeCpu: options.nodeCpu } : {}), steps, primed, maxSustainedRate: lastHeld?.deliveredRate ?? 0, ...(lastHeld ? { cpuAtMax: lastHeld.cpu } : {}), ...(storage ? { storage: { ...storage, problems: storage.problems.slice(0, 20) } } : {}), serverErrors: target.errors(), stoppedBecause };
  } finally {
    await session?.close();
    loadGroup?.remove();
    await redis?.quit().catch(() => undefined);
    await target.stop();
  }
}
