// The S3 path for real: files go to an S3-compatible server (s3rver, run here on loopback) instead of
// the disk, are served from it, stored once per content hash, and deleted from it with their chat.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import S3rver from "s3rver";
import type { Message } from "@live-chat/protocol";
import { startTestServer, type TestServer } from "../support/server.js";
import { connectVisitor, emitAck, eventually, nextEvent } from "../support/clients.js";
import { member } from "./routing-support.js";
import { download, png, sha256, storedBlobs, upload } from "./files-support.js";
import { S3Store, parseS3Url } from "../../apps/server/src/files/storage.js";

const s3Dir = mkdtempSync(join(tmpdir(), "live-chat-s3-"));
const filesDir = mkdtempSync(join(tmpdir(), "live-chat-files-"));
const s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: s3Dir, configureBuckets: [{ name: "chat-files" }] });
let server: TestServer;
let s3Url: string;

beforeAll(async () => {
  const address = await s3.run();
  s3Url = `s3://S3RVER:S3RVER@127.0.0.1:${address.port}/chat-files?forcePathStyle=true&tls=false`;
  server = await startTestServer({ FILES_DIR: filesDir, S3_URL: s3Url });
});
afterAll(async () => {
  await server?.close();
  await s3.close();
});

describe("files in an S3-compatible store", () => {
  it("upload, send, serve and delete through S3, never the disk, and one object per content", async () => {
    const operator = await member(server, "S3 op", 3);
    const visitor = await connectVisitor(server.url, { name: "Noor", locale: "en" });
    const started = await emitAck(visitor.socket, "conversation:start", { body: "Hello", clientId: "s3-1" });
    const conversationId = started.conversation.id as string;
    await eventually(() => expect(operator.assigned.map((c) => c.id)).toContain(conversationId));

    const bytes = await png(500, 400);
    const first = await upload(server.url, { visitorToken: visitor.session.visitorToken }, { bytes, name: "shot.png", key: "s3-shot" });
    const again = await upload(server.url, { visitorToken: visitor.session.visitorToken }, { bytes, name: "shot.png", key: "s3-shot" });
    expect(first.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const store = new S3Store(parseS3Url(s3Url), mkdtempSync(join(tmpdir(), "live-chat-s3-staging-")));

    const received = nextEvent<Message>(operator.socket, "message", (m) => (m.attachments?.length ?? 0) > 0);
    const sent = await emitAck(visitor.socket, "message:send", { conversationId, clientId: "s3-msg", body: "", attachments: [first.body.id] });
    expect(sent.ok).toBe(true);
    const [seen] = (await received).attachments!;
    const file = await download(server.url, seen!.url, { operatorToken: operator.token });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    const hash = sha256(file.bytes);
    expect(await store.exists(hash)).toBe(true);
    const thumbnail = await download(server.url, seen!.thumbnailUrl!, { operatorToken: operator.token });
    expect(thumbnail.headers.get("content-type")).toBe("image/webp");
    // Nothing under the local files folder but the (empty) staging area.
    expect(storedBlobs(filesDir)).toEqual([]);
    expect(readdirSync(join(filesDir, "tmp"))).toEqual([]);

    expect(await server.ctx.files.deleteConversationFiles(conversationId)).toBe(1);
    expect(await store.exists(hash)).toBe(false);
    expect(await store.exists(sha256(thumbnail.bytes))).toBe(false);
    expect((await download(server.url, seen!.url, { operatorToken: operator.token })).status).toBe(404);
  });
});
