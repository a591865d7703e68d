// Builds the widget: a classic loader (widget.js) that imports an ES module entry, which loads the
// chat panel chunk on first open. Prints and writes the gzip size of what loads before, on opening, and in all.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
// `--outdir <dir>` lets the size test build into a scratch folder without touching the served dist/.
const outdirFlag = process.argv.indexOf("--outdir");
const dist = outdirFlag > 0 ? resolve(process.argv[outdirFlag + 1]) : join(here, "dist");
const BUDGETS = { launcherGzipBytes: 10 * 1024, openedGzipBytes: 35 * 1024, reachableGzipBytes: 42 * 1024 };

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// esbuild minifies code but leaves the text of html`` and css`` templates as written. Our sources have no
// other multi-line literals, so a line's indentation is template text only: cut it to the newline (which
// renders as the same single space), and squeeze CSS further; the visitor downloads neither.
const squeezeCss = (text) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([{};,])\s*/g, "$1")
    .replace(/:\s+/g, ":")
    .replace(/;}/g, "}")
    .trim();
const squeezeTemplates = {
  name: "squeeze-templates",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) =>
      args.path.startsWith(join(here, "src"))
        ? {
            contents: readFileSync(args.path, "utf8")
              .replace(/\bcss`([^`$]*)`/g, (_, text) => `css\`${squeezeCss(text)}\``)
              .replace(/\n\s+/g, "\n"),
            loader: "ts",
          }
        : undefined,
    );
  },
};

// The visitor socket asks for ["websocket", "polling"] only (visitor-socket.ts); the WebTransport transport
// the engine's table also names would be shipped unused. Load the table without it, so it is not bundled.
const withoutWebTransport = {
  name: "without-webtransport",
  setup(b) {
    b.onLoad({ filter: /engine\.io-client[\\/]build[\\/]esm[\\/]transports[\\/]index\.js$/ }, (args) => ({
      contents: readFileSync(args.path, "utf8")
        .replace(/^import \{ WT \}.*$/m, "")
        .replace(/^\s*webtransport: WT,$/m, ""),
      loader: "js",
      resolveDir: dirname(args.path),
    }));
  },
};

const common = { bundle: true, minify: true, plugins: [squeezeTemplates, withoutWebTransport], target: "es2021", platform: "browser", legalComments: "external", logLevel: "warning" };

const modules = await build({
  ...common,
  entryPoints: { "widget-entry": join(here, "src/widget-entry.ts") },
  format: "esm",
  splitting: true,
  outdir: dist,
  // Hashed names can be cached for long; only widget.js keeps a fixed name (and a short cache).
  entryNames: "[name]-[hash]",
  chunkNames: "chunk-[hash]",
  metafile: true,
});
const outputs = modules.metafile.outputs;
const name = (path) => relative(dist, join(process.cwd(), path));
/** The output file that a source module starts (its own chunk, for the entry and every dynamic import). */
const chunkOf = (source) => name(Object.keys(outputs).find((path) => outputs[path].entryPoint?.endsWith(source)));
const entryFile = chunkOf("src/widget-entry.ts");
await build({
  ...common,
  entryPoints: { widget: join(here, "src/loader.ts") },
  format: "iife",
  outdir: dist,
  define: { __WIDGET_ENTRY__: JSON.stringify(entryFile) },
});
copyFileSync(join(here, "public/demo.html"), join(dist, "demo.html"));
copyFileSync(join(here, "public/demo-shop.js"), join(dist, "demo-shop.js"));
// The product's icon for the demo page and the inbox tab: without one every page load logs a 404 for /favicon.ico.
copyFileSync(join(here, "public/favicon.svg"), join(dist, "favicon.svg"));

// Walk the module graph. The launcher is the entry and its static imports. Opening the chat loads the panel
// chunk, its static imports and the visitor's language table (the larger one is counted), beside the presence
// chunk that page tracking (on by default) loads with the launcher. The rest loads on demand: the other
// language, the end-of-chat view, the upload code; `reachable` counts all of it so nothing grows unnoticed.
const byName = new Map(Object.entries(outputs).map(([path, out]) => [name(path), out]));
function closure(start, kinds) {
  const seen = new Set();
  const stack = [...start];
  while (stack.length) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imp of byName.get(file)?.imports ?? []) if (kinds.includes(imp.kind)) stack.push(name(imp.path));
  }
  return [...seen];
}
const statics = (...start) => closure(start, ["import-statement"]);
const gzip = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const sumOf = (files) => files.reduce((total, f) => total + gzip(f), 0);
const locales = { en: chunkOf("src/i18n/en.ts"), nl: chunkOf("src/i18n/nl.ts") };
const [largerLocale] = Object.values(locales).sort((a, b) => sumOf(statics(b)) - sumOf(statics(a)));
const roots = { panel: chunkOf("src/panel/chat-panel.ts"), strings: chunkOf("src/i18n/panel.ts"), locale: largerLocale, presence: chunkOf("src/presence.ts") };
const launcherFiles = ["widget.js", ...statics(entryFile)];
const openedFiles = [...new Set([...launcherFiles, ...statics(...Object.values(roots))])];
const reachableFiles = ["widget.js", ...closure([entryFile], ["import-statement", "dynamic-import"])];
const sizes = Object.fromEntries(reachableFiles.map((f) => [f, { bytes: readFileSync(join(dist, f)).length, gzipBytes: gzip(f) }]));
const sum = (files) => files.reduce((total, f) => total + sizes[f].gzipBytes, 0);
const report = {
  budgets: BUDGETS,
  roots,
  locales,
  launcher: { files: launcherFiles, gzipBytes: sum(launcherFiles) },
  opened: { files: openedFiles, gzipBytes: sum(openedFiles) },
  reachable: { files: reachableFiles, gzipBytes: sum(reachableFiles) },
  files: sizes,
};
writeFileSync(join(dist, "size-report.json"), JSON.stringify(report, null, 2) + "\n");

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const [file, s] of Object.entries(sizes)) console.log(`  ${file.padEnd(28)} ${kb(s.bytes).padStart(9)}  gzip ${kb(s.gzipBytes).padStart(8)}`);
console.log(`widget launcher (before first open): ${kb(report.launcher.gzipBytes)} gzip (budget ${kb(BUDGETS.launcherGzipBytes)})`);
console.log(`widget opened (launcher + chat):      ${kb(report.opened.gzipBytes)} gzip (budget ${kb(BUDGETS.openedGzipBytes)})`);
console.log(`widget with every lazy part:          ${kb(report.reachable.gzipBytes)} gzip (budget ${kb(BUDGETS.reachableGzipBytes)})`);
