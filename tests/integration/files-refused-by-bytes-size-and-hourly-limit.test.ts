// What may be uploaded is decided by the bytes, the size limit and the hourly limit per visitor,
// refused in the caller's language with nothing kept; images lose their metadata (EXIF GPS), and
// an Idempotency-Key sent twice stores one file.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { useTestServer } from "../support/server.js";
import { connectVisitor, emitAck } from "../support/clients.js";
import { patchSettings } from "./routing-support.js";
import { download, png, stagedFiles, storedBlobs, upload } from "./files-support.js";

const filesDir = mkdtempSync(join(tmpdir(), "live-chat-files-"));
const server = useTestServer({ FILES_DIR: filesDir });

/** The EXIF tag (0x8825) that points at the GPS section, in either byte order. */
const hasGpsSection = (exif: Buffer) => exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));
const visitor = async (name: string) => (await connectVisitor(server.url, { name })).session.visitorToken;

describe("an upload", () => {
  it("is refused by its bytes, whatever its name: HTML as .png, SVG with a script, binary as text", async () => {
    const visitorToken = await visitor("Ada");
    const before = await server.ctx.db.attachment.count();
    const html = await upload(server.url, { visitorToken }, { bytes: "<!doctype html><html><script>alert(1)</script></html>", name: "photo.png", key: "h-1", headers: { "x-locale": "nl" } });
    expect(html.status).toBe(415);
    expect(html.body.error).toMatchObject({ code: "FILE_TYPE_NOT_ALLOWED", message: expect.stringContaining("Dit soort bestand") });
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>`;
    for (const name of ["drawing.svg", "drawing.txt", "drawing"]) {
      const refused = await upload(server.url, { visitorToken }, { bytes: svg, name, key: `svg-${name}`, headers: { "accept-language": "en-GB" } });
      expect(refused.status).toBe(415);
      expect(refused.body.error!.message).toContain("This kind of file cannot be sent");
    }
    const binary = await upload(server.url, { visitorToken }, { bytes: Buffer.from([0x00, 0xff, 0x10, 0x00, 0x41]), name: "notes.txt", key: "bin-1" });
    expect(binary.status).toBe(415);
    expect(await server.ctx.db.attachment.count()).toBe(before);
    expect(stagedFiles(filesDir)).toEqual([]);

    // Plain UTF-8 text and CSV are fine, and only ever downloaded.
    const text = await upload(server.url, { visitorToken }, { bytes: "Bestelnummer 1234 — graag terugbellen", name: "notes.txt", key: "txt-1" });
    expect(text.status).toBe(201);
    expect(text.body.type).toBe("text/plain");
    const served = await download(server.url, text.body.url);
    expect(served.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(served.headers.get("content-disposition")).toMatch(/^attachment;/);
    const csv = await upload(server.url, { visitorToken }, { bytes: "order,qty\n1234,2\n", name: "orders.csv", key: "csv-1" });
    expect(csv.body.type).toBe("text/csv");
  });

  it("needs an uploader and an Idempotency-Key", async () => {
    expect((await upload(server.url, {}, { bytes: await png(10, 10), name: "a.png", key: "k" })).status).toBe(401);
    expect((await upload(server.url, { visitorToken: "vt_not-a-real-token" }, { bytes: await png(10, 10), name: "a.png", key: "k" })).status).toBe(401);
    const noKey = await upload(server.url, { visitorToken: await visitor("Bo") }, { bytes: await png(10, 10), name: "a.png" });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error!.field).toBe("Idempotency-Key");
  });

  it("over the size limit gets 413 and leaves nothing behind; past the hourly count, 429", async () => {
    await patchSettings(server, { fileMaxBytes: 4096, filesPerVisitorPerHour: 2 });
    try {
      const visitorToken = await visitor("Cas");
      const blobs = storedBlobs(filesDir).length;
      const big = await upload(server.url, { visitorToken }, { bytes: "x".repeat(5000), name: "big.txt", key: "big-1", headers: { "x-locale": "en" } });
      expect(big.status).toBe(413);
      expect(big.body.error).toMatchObject({ code: "FILE_TOO_LARGE", message: expect.stringContaining("too large") });
      expect(storedBlobs(filesDir).length).toBe(blobs);
      expect(stagedFiles(filesDir)).toEqual([]);
      for (const key of ["n-1", "n-2"]) expect((await upload(server.url, { visitorToken }, { bytes: `note ${key}`, name: "n.txt", key })).status).toBe(201);
      const third = await upload(server.url, { visitorToken }, { bytes: "note 3", name: "n.txt", key: "n-3", headers: { "x-locale": "nl" } });
      expect(third.status).toBe(429);
      expect(third.body.error!.code).toBe("FILE_LIMIT_REACHED");
      // A retry of an upload that already succeeded is not a new file, so the limit does not refuse it.
      expect((await upload(server.url, { visitorToken }, { bytes: "note n-1", name: "n.txt", key: "n-1" })).status).toBe(201);
    } finally {
      await patchSettings(server, { fileMaxBytes: 10 * 1024 * 1024, filesPerVisitorPerHour: 10 });
    }
  });

  it("sent twice with the same Idempotency-Key is stored once", async () => {
    const visitorToken = await visitor("Dirk");
    const bytes = await png(300, 200);
    const first = await upload(server.url, { visitorToken }, { bytes, name: "same.png", key: "retry-1" });
    const blobs = storedBlobs(filesDir).length;
    const second = await upload(server.url, { visitorToken }, { bytes, name: "same.png", key: "retry-1" });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(await server.ctx.db.attachment.count({ where: { idempotencyKey: "retry-1" } })).toBe(1);
    expect(storedBlobs(filesDir).length).toBe(blobs);
  });

  it("of a photo loses its EXIF (GPS included) and is turned upright", async () => {
    const visitorToken = await visitor("Eva");
    const photo = await sharp({ create: { width: 400, height: 200, channels: 3, background: "#3a7" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Make: "PhoneMaker" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "52/1 22/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "4/1 53/1 0/1" } })
      .toBuffer();
    const original = await sharp(photo).metadata();
    expect(original.exif?.toString("latin1")).toContain("PhoneMaker");
    expect(hasGpsSection(original.exif!)).toBe(true);
    expect(original.orientation).toBe(6);
    const up = await upload(server.url, { visitorToken }, { bytes: photo, name: "IMG_0001.JPG", key: "photo-1" });
    expect(up.status).toBe(201);
    expect(up.body.type).toBe("image/jpeg");
    const stored = await sharp((await download(server.url, up.body.url)).bytes).metadata();
    expect(stored.exif).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    expect({ width: stored.width, height: stored.height }).toEqual({ width: 200, height: 400 });
  });

  it("is attached only by its own uploader, within the count per message", async () => {
    await patchSettings(server, { filesPerMessage: 2 });
    try {
      const { socket, session } = await connectVisitor(server.url, { name: "Femke" });
      const chat = await emitAck(socket, "conversation:start", {});
      const ids: string[] = [];
      for (const key of ["m-1", "m-2", "m-3"]) ids.push((await upload(server.url, { visitorToken: session.visitorToken }, { bytes: `file ${key}`, name: "f.txt", key })).body.id);
      const tooMany = await emitAck(socket, "message:send", { conversationId: chat.conversation.id, clientId: "many", body: "", attachments: ids });
      expect(tooMany).toMatchObject({ ok: false, error: { code: "BAD_REQUEST", field: "attachments" } });
      const empty = await emitAck(socket, "message:send", { conversationId: chat.conversation.id, clientId: "empty", body: "  " });
      expect(empty).toMatchObject({ ok: false, error: { code: "BAD_REQUEST", field: "body" } });
      const two = await emitAck(socket, "message:send", { conversationId: chat.conversation.id, clientId: "two", body: "", attachments: ids.slice(0, 2) });
      expect(two.ok).toBe(true);
      expect(two.message.attachments).toHaveLength(2);
      const again = await emitAck(socket, "message:send", { conversationId: chat.conversation.id, clientId: "again", body: "", attachments: [ids[0]] });
      expect(again).toMatchObject({ ok: false, error: { field: "attachments" } });
      socket.close();
    } finally {
      await patchSettings(server, { filesPerMessage: 5 });
    }
  });
});
