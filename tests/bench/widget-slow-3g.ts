// The widget on a slow line: Chromium with DevTools' "Slow 3G" (CDP network throttling) opens the demo
// page of a real server; timed until the launcher can be clicked, then until the opened chat shows its first message.
import { chromium } from "@playwright/test";
import { performance } from "node:perf_hooks";
import { spawnServer } from "../support/spawn-server.js";

interface WidgetOptions {
  log: (line: string) => void;
  write: (name: string, result: object) => void;
  machine: () => object;
}

/** DevTools' preset "Slow 3G" (as Puppeteer's PredefinedNetworkConditions has it): 2 s round trips, 50 kB/s each way. */
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: (500 * 1000) / 8 * 0.8, uploadThroughput: (500 * 1000) / 8 * 0.8 };
const RUNS = 3;
const GREETING = "Hello! Ask us anything, we are happy to help.";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runWidgetSlow3g(options: WidgetOptions): Promise<number> {
  const startedAt = new Date().toISOString();
  const machineAtStart = options.machine();
  const server = await spawnServer({ env: { NODE_ENV: "production" } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const runs: Array<{ launcherInteractiveMs: number; firstMessageAfterOpenMs: number; bytesBeforeOpen: number; bytesAfterOpen: number }> = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      // A fresh context each time: nothing cached, as for a first visit.
      const context = await browser.newContext({ locale: "en-GB" });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", SLOW_3G);
      let bytes = 0;
      cdp.on("Network.loadingFinished", (event) => (bytes += event.encodedDataLength));
      const began = performance.now();
      await page.goto(`${server.url}/demo`, { waitUntil: "commit", timeout: 120_000 });
      const launcher = page.getByRole("button", { name: "Open chat" });
      await launcher.waitFor({ state: "visible", timeout: 120_000 });
      await page.waitForFunction(() => !document.querySelector("live-chat-widget")?.shadowRoot?.querySelector("button[disabled]"), undefined, { timeout: 120_000 });
      const launcherInteractiveMs = Math.round(performance.now() - began);
      const bytesBeforeOpen = bytes;
      const opened = performance.now();
      await launcher.click();
      await page.getByText(GREETING).waitFor({ state: "visible", timeout: 120_000 });
      const firstMessageAfterOpenMs = Math.round(performance.now() - opened);
      runs.push({ launcherInteractiveMs, firstMessageAfterOpenMs, bytesBeforeOpen, bytesAfterOpen: bytes });
      options.log(`widget slow 3G run ${i + 1}: launcher interactive ${launcherInteractiveMs} ms, first message ${firstMessageAfterOpenMs} ms after the click, ${bytesBeforeOpen} B before open, ${bytes} B after`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const result = {
    network: SLOW_3G,
    launcherInteractiveMs: median(runs.map((r) => r.launcherInteractiveMs)),
    firstMessageAfterOpenMs: median(runs.map((r) => r.firstMessageAfterOpenMs)),
    runs,
  };
  process.stdout.write(`\nwidget on Slow 3G (median of ${RUNS}): launcher interactive ${result.launcherInteractiveMs} ms after navigation, first message ${result.firstMessageAfterOpenMs} ms after opening\n`);
  options.write("widget-slow-3g", { startedAt, machine: { ...machineAtStart, atEnd: options.machine() }, ...result });
  return 0;
}
