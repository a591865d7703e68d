// The widget's budgets: what a page loads before the chat opens ≤ 10 KB gzip; with what opening the chat loads
// (the panel, its static imports, one language table) ≤ 35 KB; with every part fetched on demand ≤ 42 KB.
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
function reachable(start: string | string[], withDynamic: boolean): Set<string> {
  const seen = new Set<string>();
  const stack = [start].flat();
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
const dynamicTargets = (file: string) => [...read(file).matchAll(/import\(\s*"\.\/([\w.-]+\.js)"\s*\)/g)].map((m) => m[1]);
/** The chunk that defines a custom element (the widget's `define(tag, Class)` helper, minified). */
const definer = (files: Iterable<string>, tag: string) => [...files].filter((f) => new RegExp(`[\\w$]\\("${tag}",[\\w$]+\\)`).test(read(f)));
const holding = (files: Iterable<string>, text: string) => [...files].filter((f) => read(f).includes(text));
/** The upload code's own header: the files' database name is also in the erasure code the socket chunk carries. */
const UPLOAD_CODE = '"Idempotency-Key"';

/** What opening the chat loads: the launcher, what the entry imports on demand (the panel, the language loader,
 * the presence that page tracking starts), their static imports, and the larger of the two language tables. */
function opened(): Set<string> {
  const all = reachable(entry, true);
  const tables = [holding(all, '"Chat with us"'), holding(all, '"Chat met ons"')].map((files) => reachable(files, false));
  const larger = tables.sort((a, b) => total(b) - total(a))[0];
  return new Set(["widget.js", ...reachable([entry, ...dynamicTargets(entry)], false), ...larger]);
}

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
    const chat = opened();
    expect(definer(chat, "live-chat-panel")).toHaveLength(1);
    expect(holding(chat, "socket.io").length).toBeGreaterThan(0);
    expect(total(chat)).toBeLessThanOrEqual(35 * KB);
    for (const file of launcher) expect(read(file)).not.toContain("socket.io");
  });

  it("leaves the other language, the end view, the message form and the upload code out of the opened chat", () => {
    const chat = opened();
    expect(holding(chat, '"Chat with us"').length + holding(chat, '"Chat met ons"').length).toBe(1);
    expect(definer(chat, "live-chat-ended")).toEqual([]);
    expect(definer(chat, "live-chat-transcript-request")).toEqual([]);
    expect(definer(chat, "live-chat-offline-form")).toEqual([]);
    expect(holding(chat, UPLOAD_CODE)).toEqual([]);
  });

  it("keeps everything the widget can fetch, every lazy part included, within 42 KB gzip", () => {
    const all = new Set(["widget.js", ...reachable(entry, true)]);
    for (const tag of ["live-chat-panel", "live-chat-ended", "live-chat-offline-form"]) expect(definer(all, tag)).toHaveLength(1);
    expect(holding(all, UPLOAD_CODE)).toHaveLength(1);
    expect(holding(all, "WebTransport")).toEqual([]);
    expect(total(all)).toBeLessThanOrEqual(42 * KB);
  });

  it("writes a size report that matches the files", () => {
    type Part = { files: string[]; gzipBytes: number };
    const report = JSON.parse(read("size-report.json")) as { launcher: Part; opened: Part; reachable: Part };
    expect(new Set(report.launcher.files)).toEqual(new Set(["widget.js", ...reachable(entry, false)]));
    expect(new Set(report.opened.files)).toEqual(opened());
    expect(new Set(report.reachable.files)).toEqual(new Set(["widget.js", ...reachable(entry, true)]));
    for (const part of [report.launcher, report.opened, report.reachable]) expect(part.gzipBytes).toBe(total(part.files));
    expect(readdirSync(out)).toContain("demo.html");
  });

  it("names no third-party host to load from", () => {
    for (const file of readdirSync(out).filter((f) => f.endsWith(".js"))) {
      expect(read(file)).not.toMatch(/(src|href)\s*=\s*["']https?:/);
      expect(read(file)).not.toMatch(/fonts\.googleapis|cdn\./);
    }
  });
});
