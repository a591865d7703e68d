// The ramp as an SVG chart made in code: delivery latency (p50 dashed, p99 solid) against the delivered rate, one colour per target.
import type { RampResult } from "./ramp.js";

const COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
const W = 760;
const H = 440;
const M = { left: 60, right: 190, top: 40, bottom: 50 };

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function rampChart(results: RampResult[], title: string): string {
  const points = results.flatMap((r) => r.steps.map((s) => ({ x: Math.max(1, s.deliveredRate), p50: Math.max(0.1, s.summary.delivery.p50), p99: Math.max(0.1, s.summary.delivery.p99) })));
  const xMax = Math.max(100, ...points.map((p) => p.x)) * 1.1;
  const xMin = Math.max(1, Math.min(...points.map((p) => p.x), 100) * 0.8);
  const yMax = Math.max(200, ...points.map((p) => p.p99)) * 1.2;
  const yMin = Math.max(0.1, Math.min(...points.map((p) => p.p50), 1) * 0.8);
  // Both axes logarithmic: rates grow by a factor a step, latencies span floors of a millisecond to seconds.
  const sx = (x: number) => M.left + ((Math.log(x) - Math.log(xMin)) / (Math.log(xMax) - Math.log(xMin))) * (W - M.left - M.right);
  const sy = (y: number) => H - M.bottom - ((Math.log(y) - Math.log(yMin)) / (Math.log(yMax) - Math.log(yMin))) * (H - M.top - M.bottom);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  parts.push(`<title>${escape(title)}</title><rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${M.left}" y="20" font-size="13" font-weight="bold">${escape(title)}</text>`);
  for (const y of [0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000, 3000, 10000].filter((v) => v >= yMin && v <= yMax)) {
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${sy(y)}" y2="${sy(y)}" stroke="${y === 100 ? "#c00" : "#ddd"}"${y === 100 ? ' stroke-dasharray="4 3"' : ""}/>`);
    parts.push(`<text x="${M.left - 6}" y="${sy(y) + 4}" text-anchor="end">${y}</text>`);
  }
  for (const x of [100, 200, 500, 1000, 2000, 5000, 10000, 20000].filter((v) => v >= xMin && v <= xMax)) {
    parts.push(`<line x1="${sx(x)}" x2="${sx(x)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#eee"/>`);
    parts.push(`<text x="${sx(x)}" y="${H - M.bottom + 16}" text-anchor="middle">${x}</text>`);
  }
  parts.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle">messages delivered per second (log)</text>`);
  parts.push(`<text x="16" y="${(M.top + H - M.bottom) / 2}" transform="rotate(-90 16 ${(M.top + H - M.bottom) / 2})" text-anchor="middle">delivery latency, ms (log): p99 solid, p50 dashed</text>`);
  results.forEach((r, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const line = (pick: (s: RampResult["steps"][number]) => number, dash: string) =>
      `<polyline fill="none" stroke="${colour}" stroke-width="2"${dash} points="${r.steps.map((s) => `${sx(Math.max(1, s.deliveredRate)).toFixed(1)},${sy(Math.max(0.1, pick(s))).toFixed(1)}`).join(" ")}"/>`;
    parts.push(line((s) => s.summary.delivery.p99, ""), line((s) => s.summary.delivery.p50, ' stroke-dasharray="5 4"'));
    for (const s of r.steps) parts.push(`<circle cx="${sx(Math.max(1, s.deliveredRate)).toFixed(1)}" cy="${sy(Math.max(0.1, s.summary.delivery.p99)).toFixed(1)}" r="3" fill="${s.held ? colour : "#fff"}" stroke="${colour}"/>`);
    const ly = M.top + 10 + i * 18;
    parts.push(`<line x1="${W - M.right + 12}" x2="${W - M.right + 32}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"/>`);
    parts.push(`<text x="${W - M.right + 38}" y="${ly + 4}">${escape(`${r.target}: ${r.maxSustainedRate}/s`)}</text>`);
  });
  parts.push(`<text x="${W - M.right + 12}" y="${M.top + 14 + results.length * 18}" fill="#555">hollow: the step that failed</text>`);
  parts.push("</svg>\n");
  return parts.join("\n");
}
