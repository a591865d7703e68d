// `npm run bench:live`: 2,000 simulated visitors on the site at once, moving between pages, and one
// inbox showing them. Measures how fast page changes reach an operator (update rate, latency from
// the visitor's report to the operator's delta), the list endpoint, and the inbox's render time in
// Chromium. On demand only: it prints figures, it does not pass or fail a CI run on timing.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import type { LiveVisitor, LiveVisitorsDelta } from "@live-chat/protocol";
import { ADMIN, api, connectVisitor, login, onlineOperator, type VisitorSocket } from "../support/clients.js";
import { spawnServer } from "../support/spawn-server.js";
import { benchDatabase } from "./targets.js";
import { latency } from "./stats.js";

const here = dirname(fileURLToPath(import.meta.url));
const VISITORS = Number(process.env.BENCH_LIVE_VISITORS ?? 2000);
/** Each visitor moves to another page about this often while the timed part runs. */
const MOVE_EVERY_SECONDS = Number(process.env.BENCH_LIVE_MOVE_SECONDS ?? 10);
const SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 20);
const CONNECT_BATCH = 100;
const log = (line: string) => process.stderr.write(`${line}\n`);

const db = benchDatabase(process.env.DATABASE_URL);
const server = await spawnServer({ databaseUrl: db.url, env: { NODE_ENV: "production", LOG_LEVEL: "info", VISITOR_CONNECT_LIMIT: "100000", VISITOR_ADDRESS_LIMIT_SCALE: "1000" } });
const visitors: VisitorSocket[] = [];
try {
  const admin = await login(server.url, ADMIN.email, ADMIN.password);
  const operator = await onlineOperator(server.url, admin.token);
  const sentAt = new Map<string, number>();
  const delays: number[] = [];
  let deltas = 0;
  let upserts = 0;
  operator.on("visitors:updated", (d: LiveVisitorsDelta) => {
    deltas++;
    upserts += d.upserted.length;
    const now = Date.now();
    for (const v of d.upserted) {
      const at = sentAt.get(v.pageUrl);
      if (at !== undefined) {
        delays.push(now - at);
        sentAt.delete(v.pageUrl);
      }
    }
  });

  const connectStart = Date.now();
  for (let i = 0; i < VISITORS; i += CONNECT_BATCH) {
    const batch = await Promise.all(Array.from({ length: Math.min(CONNECT_BATCH, VISITORS - i) }, () => connectVisitor(server.url, { locale: i % 3 ? "nl" : "en", timeZone: "Europe/Amsterdam" })));
    for (const { socket } of batch) {
      visitors.push(socket);
      socket.emit("page", { url: `https://shop.example/start/${visitors.length}`, title: "Start" });
    }
  }
  log(`connected ${VISITORS} visitors in ${Date.now() - connectStart} ms`);
  const listStart = Date.now();
  let listed = 0;
  while (listed < VISITORS && Date.now() - listStart < 60_000) listed = (await api<LiveVisitor[]>(server.url, "/api/visitors/live", { token: admin.token })).body.length;
  log(`listed ${listed} of ${VISITORS} after ${Date.now() - listStart} ms`);
  const listTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await api(server.url, "/api/visitors/live", { token: admin.token });
    listTimes.push(performance.now() - t0);
  }

  // The inbox, in Chromium, showing all of them while they move.
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  const page = await browser.newPage();
  await page.addInitScript(() => localStorage.setItem("live-chat.inbox.locale", "en"));
  await page.goto(`${server.url}/inbox`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Status").waitFor();
  const openStart = Date.now();
  await page.getByRole("link", { name: "Live visitors" }).click();
  await page.getByText(`${VISITORS} on the site now`).waitFor({ timeout: 60_000 });
  const inboxOpenMs = Date.now() - openStart;
  const rowsInDom = await page.locator(".live-row").count();
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: "longtask", buffered: false });
  });

  // The timed part: every visitor moves now and then, spread evenly.
  deltas = 0;
  upserts = 0;
  delays.length = 0;
  const movesPerSecond = VISITORS / MOVE_EVERY_SECONDS;
  const moveStart = Date.now();
  let moves = 0;
  while (Date.now() - moveStart < SECONDS * 1000) {
    const due = Math.floor(((Date.now() - moveStart) / 1000) * movesPerSecond);
    for (; moves < due; moves++) {
      const socket = visitors[moves % visitors.length]!;
      const url = `https://shop.example/page/${moves}`;
      sentAt.set(url, Date.now());
      socket.emit("page", { url, title: `Page ${moves}` });
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 1500));
  const elapsed = (Date.now() - moveStart) / 1000;
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  // A scroll to the middle of the list: how long until the rows there are drawn.
  const scrollMs = await page.evaluate(async () => {
    const viewport = document.querySelector(".live-viewport")!;
    const t0 = performance.now();
    viewport.scrollTop = viewport.scrollHeight / 2;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t0;
  });
  await browser.close();

  const report = {
    visitors: VISITORS,
    listEndpointMs: latency(listTimes),
    pageReportsSent: moves,
    pageReportsPerSecond: +(moves / SECONDS).toFixed(1),
    deltasPerSecond: +(deltas / elapsed).toFixed(2),
    visitorUpdatesPerSecond: +(upserts / elapsed).toFixed(1),
    reportToOperatorMs: latency(delays),
    lost: sentAt.size,
    inbox: { openWithAllVisitorsMs: inboxOpenMs, rowsInDom, longTasksDuringUpdates: longTasks.length, longestTaskMs: Math.round(Math.max(0, ...longTasks)), scrollToMiddleMs: Math.round(scrollMs) },
  };
  writeFileSync(join(here, "last-live-run.json"), JSON.stringify(report, null, 2) + "\n");
  console.log(JSON.stringify(report, null, 2));
} finally {
  for (const v of visitors) v.close();
  await server.stop();
  await db.dispose();
}
