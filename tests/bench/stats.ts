// Latency summaries (nearest-rank percentiles) and the counts that prove nothing was lost.
import type { LoadRun } from "./load.js";

export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface RunSummary {
  setupSeconds: number;
  loadSeconds: number;
  sent: number;
  acknowledged: number;
  ackErrors: string[];
  delivered: number;
  duplicatesDelivered: number;
  alteredBodies: number;
  delivery: Latency;
  ack: Latency;
  disconnects: string[];
  /** How late the load generator itself sent (a busy client would flatter the latencies). */
  sendLag: Latency;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  const mean = sorted.reduce((sum, x) => sum + x, 0) / sorted.length;
  return { count: sorted.length, p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(at(100)), mean: round(mean) };
}

export function summarise(run: LoadRun): RunSummary {
  const measured = run.messages.filter((m) => m.measured);
  const ackErrors = run.messages.flatMap((m) => (m.ackError ? [`${m.clientId}: ${m.ackError}`] : []));
  return {
    setupSeconds: round(run.setupSeconds),
    loadSeconds: round(run.loadSeconds),
    sent: run.messages.length,
    acknowledged: run.messages.filter((m) => m.seq !== undefined).length,
    ackErrors: ackErrors.slice(0, 20),
    delivered: run.messages.filter((m) => m.deliveredAt !== undefined).length,
    duplicatesDelivered: run.messages.reduce((sum, m) => sum + Math.max(0, m.deliveries - 1), 0),
    disconnects: run.disconnects.slice(0, 20),
    alteredBodies: run.messages.filter((m) => m.bodyIntact === false).length,
    delivery: latency(measured.flatMap((m) => (m.deliveredAt === undefined ? [] : [m.deliveredAt - m.sentAt]))),
    ack: latency(measured.flatMap((m) => (m.ackAt === undefined || m.seq === undefined ? [] : [m.ackAt - m.sentAt]))),
    sendLag: latency(measured.map((m) => m.sentAt - m.scheduledAt)),
  };
}
