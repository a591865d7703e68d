// The widget's files compressed on the wire (brotli or gzip, as the browser accepts): the size budgets
// count compressed bytes, and a visitor on a slow line pays for every byte before the launcher shows.
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { RequestHandler } from "express";

const TYPES: Record<string, string> = { ".js": "text/javascript; charset=utf-8", ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8", ".svg": "image/svg+xml" };

type Encoded = { mtimeMs: number; br: Buffer; gzip: Buffer };

/**
 * Serves compressed copies of the text files under `dir`, made once per file version and kept in memory
 * (the dist folders hold a few small files); anything else, or a client that accepts neither encoding, falls through.
 */
export function compressedStatic(dir: string, headers: (path: string) => Record<string, string>): RequestHandler {
  const cache = new Map<string, Encoded>();
  const root = normalize(dir + sep);
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const type = TYPES[extname(req.path)];
    const accepts = String(req.headers["accept-encoding"] ?? "");
    const encoding = /\bbr\b/.test(accepts) ? "br" : /\bgzip\b/.test(accepts) ? "gzip" : null;
    if (!type || !encoding) return next();
    let path: string;
    try {
      path = normalize(join(root, decodeURIComponent(req.path)));
    } catch {
      return next();
    }
    if (!path.startsWith(root)) return next();
    void (async () => {
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) return next();
      let encoded = cache.get(path);
      if (!encoded || encoded.mtimeMs !== info.mtimeMs) {
        const raw = await readFile(path);
        encoded = { mtimeMs: info.mtimeMs, br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }), gzip: gzipSync(raw, { level: 9 }) };
        cache.set(path, encoded);
      }
      const body = encoded[encoding];
      res.setHeader("content-type", type);
      res.setHeader("content-encoding", encoding);
      res.setHeader("vary", "Accept-Encoding");
      res.setHeader("content-length", String(body.length));
      for (const [name, value] of Object.entries(headers(path))) res.setHeader(name, value);
      res.end(req.method === "HEAD" ? undefined : body);
    })().catch(next);
  };
}
