// The widget's budgets: what a page loads before the chat opens ≤ 10 KB gzip, with the opened chat ≤ 35 KB.
// Builds into a scratch folder and measures the files themselves, following their imports.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const KB = 1024;
let out: string;
let entry: string;

const read = (file: string) => readFileSync(join(out, file), "utf8");
const gzipBytes = (file: string) => gzipSync(readFileSync(join(out, file)), { level: 9 }).length;

/** Files reachable from `start`: static imports always, dynamic ones when asked. */
function reachable(start: string, withDynamic: boolean): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = read(file);
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)) stack.push(m[1]);
    if (withDynamic) for (const m of code.matchAll(/import\(\s*"\.\/([\w.-]+\.js)"\s*\)/g)) stack.push(m[1]);
  }
  return seen;
}

const total = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + gzipBytes(f), 0);

describe("widget size budget", () => {
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), "widget-build-"));
    execFileSync(process.execPath, [join(root, "apps/widget/build.mjs"), "--outdir", out], { stdio: "pipe" });
    entry = /"(widget-entry-\w+\.js)"/.exec(read("widget.js"))?.[1] ?? "";
  });

  it("loads the launcher through a classic script that imports only the entry module", () => {
    const loader = read("widget.js");
    expect(loader).not.toMatch(/^\s*(import|export)\s/m);
    expect(readdirSync(out)).toContain(entry);
  });

  it("keeps everything loaded before the first open within 10 KB gzip", () => {
    const launcher = new Set(["widget.js", ...reachable(entry, false)]);
    expect(launcher.size).toBeGreaterThan(1);
    expect(total(launcher)).toBeLessThanOrEqual(10 * KB);
  });

  it("keeps the launcher plus the opened chat within 35 KB gzip, with the socket client only in the lazy part", () => {
    const launcher = reachable(entry, false);
    const opened = new Set(["widget.js", ...reachable(entry, true)]);
    expect(opened.size).toBeGreaterThan(launcher.size + 1);
    expect(total(opened)).toBeLessThanOrEqual(35 * KB);
    for (const file of launcher) expect(read(file)).not.toContain("socket.io");
  });

  it("writes a size report that matches the files", () => {
    const report = JSON.parse(read("size-report.json")) as { launcher: { files: string[]; gzipBytes: number }; opened: { files: string[]; gzipBytes: number } };
    expect(new Set(report.launcher.files)).toEqual(new Set(["widget.js", ...reachable(entry, false)]));
    expect(report.launcher.gzipBytes).toBe(total(report.launcher.files));
    expect(report.opened.gzipBytes).toBe(total(report.opened.files));
    expect(readdirSync(out)).toContain("demo.html");
  });

  it("names no third-party host to load from", () => {
    for (const file of readdirSync(out).filter((f) => f.endsWith(".js"))) {
      expect(read(file)).not.toMatch(/(src|href)\s*=\s*["']https?:/);
      expect(read(file)).not.toMatch(/fonts\.googleapis|cdn\./);
    }
  });
});
