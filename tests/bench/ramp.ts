// The saturation point: raise the message rate (and the visitors) step by step on one target until p99
// delivery passes the limit or anything is lost; the last step that held is its maximum sustained rate.
import { LoadSession } from "./load.js";
import { summarise, type RunSummary } from "./stats.js";
import { startNamed, type StorageCheck, type TargetName } from "./targets.js";

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
  loadProcesses: number;
  postgresUrl: string;
  redisUrl: string;
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
  held: boolean;
  why: string[];
}

export interface RampResult {
  target: TargetName;
  nodes: number;
  steps: RampStep[];
  /** The delivered rate of the last step that held (0: not even the first). */
  maxSustainedRate: number;
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
  let session: LoadSession | undefined;
  try {
    session = await LoadSession.open(target, options.loadProcesses);
    for (let step = 0; step < options.maxSteps; step++) {
      const targetRate = options.startRate * options.factor ** step;
      const visitors = visitorsAt(step);
      await session.grow(visitors);
      const perVisitorRate = targetRate / visitors;
      const run = await session.step(step, perVisitorRate, options.warmupSeconds, options.stepSeconds);
      messages.push(...run.messages);
      const summary = summarise(run);
      const measured = run.messages.filter((m) => m.measured);
      const deliveredRate = measured.filter((m) => m.deliveredAt !== undefined).length / options.stepSeconds;
      const why = stepProblems(summary, options.p99LimitMs);
      // An open-loop generator that cannot keep its schedule would measure a lower rate than it claims.
      if (summary.sendLag.p99 > options.p99LimitMs) why.push(`the load generator fell behind (send lag p99 ${summary.sendLag.p99} ms)`);
      const held = why.length === 0;
      steps.push({ step, visitors, perVisitorRate: Math.round(perVisitorRate * 100) / 100, targetRate: Math.round(targetRate), deliveredRate: Math.round(deliveredRate), summary, sameNodeAssignments: run.sameNodeAssignments, held, why });
      log(`${name} step ${step}: ${visitors} visitors × ${perVisitorRate.toFixed(2)} msg/s = ${Math.round(targetRate)} msg/s asked, ${Math.round(deliveredRate)} delivered, p50 ${summary.delivery.p50} ms, p99 ${summary.delivery.p99} ms${held ? "" : ` — stops: ${why.join("; ")}`}`);
      if (!held) {
        stoppedBecause = why.join("; ");
        break;
      }
    }
    await session.close();
    session = undefined;
    const storage = target.verify ? await target.verify({ messages, conversationIds: [...new Set(messages.map((m) => m.conversationId))] }) : undefined;
    const lastHeld = [...steps].reverse().find((s) => s.held);
    return { target: name, nodes: target.nodes.length, steps, maxSustainedRate: lastHeld?.deliveredRate ?? 0, ...(storage ? { storage: { ...storage, problems: storage.problems.slice(0, 20) } } : {}), serverErrors: target.errors(), stoppedBecause };
  } finally {
    await session?.close();
    await target.stop();
  }
}
