// Idle figures are noisy on a shared machine: merges several idle runs (results/idle-N.json) into results/idle.json with their medians.
// Usage: tsx tests/bench/idle-medians.ts idle-1.json idle-2.json idle-3.json
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

type Side = { perVisitorKiB: number; settledPerVisitorKiB: number; heapPerVisitorKiB: number; connectSeconds: number };
type Row = { visitors: number; bare: Side; product: Side; ratio: number; settledRatio: number; heapRatio: number };

const results = join(dirname(fileURLToPath(import.meta.url)), "results");
const files = process.argv.slice(2);
if (files.length === 0) throw new Error("name the idle result files to merge, e.g. idle-1.json idle-2.json idle-3.json");
const runs = files.map((file) => ({ file, ...(JSON.parse(readFileSync(join(results, file), "utf8")) as { rows: Row[] }) }));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : Math.round(((s[m - 1]! + s[m]!) / 2) * 100) / 100;
};
const counts = [...new Set(runs.flatMap((r) => r.rows.map((row) => row.visitors)))];
const medians = counts.map((visitors) => {
  const rows = runs.flatMap((r) => r.rows.filter((row) => row.visitors === visitors));
  const sides = (key: keyof Side) => ({ bare: median(rows.map((r) => r.bare[key])), product: median(rows.map((r) => r.product[key])) });
  return {
    visitors,
    runs: rows.length,
    rssPerVisitorKiB: sides("perVisitorKiB"),
    settledRssPerVisitorKiB: sides("settledPerVisitorKiB"),
    heapPerVisitorKiB: sides("heapPerVisitorKiB"),
    connectSeconds: sides("connectSeconds"),
    ratio: { rss: median(rows.map((r) => r.ratio)), settledRss: median(rows.map((r) => r.settledRatio)), heap: median(rows.map((r) => r.heapRatio)) },
    eachRun: rows.map((r) => ({ rss: [r.bare.perVisitorKiB, r.product.perVisitorKiB], settledRss: [r.bare.settledPerVisitorKiB, r.product.settledPerVisitorKiB], heap: [r.bare.heapPerVisitorKiB, r.product.heapPerVisitorKiB], connectSeconds: [r.bare.connectSeconds, r.product.connectSeconds] })),
  };
});
writeFileSync(join(results, "idle.json"), `${JSON.stringify({ note: "medians over the runs below; eachRun pairs are [bare, product]", medians, runs }, null, 2)}\n`);
for (const m of medians) process.stdout.write(`${m.visitors}: ${m.runs} runs, RSS ${m.rssPerVisitorKiB.bare} / ${m.rssPerVisitorKiB.product} KiB (${m.ratio.rss}×), heap ${m.heapPerVisitorKiB.bare} / ${m.heapPerVisitorKiB.product} KiB (${m.ratio.heap}×)\n`);
