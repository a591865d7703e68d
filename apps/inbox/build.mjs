// Bundles the inbox into dist/: index.html, inbox.js (minified, one file) and inbox.css.
import { build } from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
const protocolSrc = join(here, "../../packages/protocol/src");

/** The protocol package has no side effects, so what the inbox does not use (its zod schemas) stays out of the bundle. */
const protocolWithoutSideEffects = {
  name: "protocol-without-side-effects",
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === "inner") return undefined;
      const fromProtocol = args.importer.startsWith(protocolSrc) && args.path.startsWith(".");
      if (!fromProtocol && !args.path.startsWith("@live-chat/protocol")) return undefined;
      const result = await b.resolve(args.path, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: "inner" });
      return { ...result, sideEffects: false };
    });
  },
};

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await build({
  entryPoints: [join(here, "src/main.ts")],
  outfile: join(dist, "inbox.js"),
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
  plugins: [protocolWithoutSideEffects],
});
await copyFile(join(here, "src/index.html"), join(dist, "index.html"));
await copyFile(join(here, "src/inbox.css"), join(dist, "inbox.css"));
