// The widget's files travel compressed (brotli or gzip, as the browser accepts), decode to the very bytes
// built, and a client that accepts neither still gets them whole; nothing outside the dist folder is served.
import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.js";

const server = useTestServer();
const widgetDist = join(dirname(fileURLToPath(import.meta.url)), "../../apps/widget/dist");

/** A raw GET (fetch would decode the body itself and hide the encoding). */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

describe("the widget's files", () => {
  const chunk = readdirSync(widgetDist).filter((f) => f.endsWith(".js")).sort((a, b) => readFileSync(join(widgetDist, b)).length - readFileSync(join(widgetDist, a)).length)[0]!;

  it("go out as brotli or gzip, smaller, decoding to the built bytes, with their caching kept", async () => {
    const built = readFileSync(join(widgetDist, chunk));
    const br = await get(`${server.url}/${chunk}`, { "accept-encoding": "gzip, deflate, br" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["vary"]).toContain("Accept-Encoding");
    expect(br.headers["cache-control"]).toBe("public, max-age=86400");
    expect(br.body.length).toBeLessThan(built.length / 2);
    expect(brotliDecompressSync(br.body).equals(built)).toBe(true);
    const gz = await get(`${server.url}/${chunk}`, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).equals(built)).toBe(true);
    const loader = await get(`${server.url}/widget.js`, { "accept-encoding": "br" });
    expect(loader.headers["cache-control"]).toBe("public, max-age=300");
    expect(brotliDecompressSync(loader.body).equals(readFileSync(join(widgetDist, "widget.js")))).toBe(true);
  });

  it("go out whole to a client that accepts no encoding, and nothing outside the folder is served", async () => {
    const plain = await get(`${server.url}/${chunk}`, {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(readFileSync(join(widgetDist, chunk)))).toBe(true);
    const outside = await get(`${server.url}/..%2f..%2fpackage.json`, { "accept-encoding": "br" });
    expect(outside.status).toBe(404);
  });
});
