// kill -9 during an upload: after the restart no half file sits under any hash, nothing staged is
// left over, and the same upload retried with its Idempotency-Key is stored whole, once.
import { mkdtempSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";
import { connectVisitor, emitAck, eventually } from "../support/clients.js";
import { download, everyBlobWhole, pdf, stagedFiles, storedBlobs, upload } from "./files-support.js";

const running: SpawnedServer[] = [];
afterAll(async () => {
  for (const s of running) await s.stop("SIGKILL");
});

describe("a server killed with SIGKILL during an upload", () => {
  it("restarts with no half file referenced, no staged leftovers, and takes the retry whole", { timeout: 120_000 }, async () => {
    const filesDir = mkdtempSync(join(tmpdir(), "live-chat-files-"));
    // One node alone: a cluster node keeps young staged files, since a peer may still be writing them.
    const first = await spawnServer({ env: { FILES_DIR: filesDir, REDIS_URL: "" } });
    running.push(first);
    const { socket, session } = await connectVisitor(first.url, { name: "Kim" });
    const chat = await emitAck(socket, "conversation:start", {});
    socket.close();

    // Half of a 2 MB PDF goes out, then the server dies while it is still reading.
    const bytes = Buffer.concat([pdf("manual"), Buffer.alloc(2 * 1024 * 1024, "a")]);
    const boundary = "----live-chat-test";
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="manual.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const req = request(`${first.url}/api/files`, {
      method: "POST",
      headers: { authorization: `Visitor ${session.visitorToken}`, "idempotency-key": "manual-1", "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": head.length + bytes.length + tail.length },
    });
    req.on("error", () => undefined);
    req.write(head);
    req.write(bytes.subarray(0, bytes.length / 2));
    await eventually(() => expect(stagedFiles(filesDir).length).toBe(1), 20_000);
    await first.stop("SIGKILL");
    req.destroy();
    expect(storedBlobs(filesDir)).toEqual([]);

    const second = await spawnServer({ databaseUrl: first.databaseUrl, env: { FILES_DIR: filesDir, REDIS_URL: "" } });
    running.push(second);
    expect(stagedFiles(filesDir)).toEqual([]);
    expect(everyBlobWhole(filesDir)).toBe(true);
    const resumed = await connectVisitor(second.url, { visitorToken: session.visitorToken });
    const synced = await emitAck(resumed.socket, "sync", { conversationId: chat.conversation.id, afterSeq: 0 });
    expect(synced.messages.flatMap((m: { attachments?: unknown[] }) => m.attachments ?? [])).toEqual([]);

    const retried = await upload(second.url, { visitorToken: session.visitorToken }, { bytes, name: "manual.pdf", key: "manual-1" });
    expect(retried.status).toBe(201);
    const sent = await emitAck(resumed.socket, "message:send", { conversationId: chat.conversation.id, clientId: "manual", body: "The manual", attachments: [retried.body.id] });
    expect(sent.ok).toBe(true);
    expect((await download(second.url, sent.message.attachments[0].url)).bytes.equals(bytes)).toBe(true);
    expect(storedBlobs(filesDir)).toHaveLength(1);
    expect(everyBlobWhole(filesDir)).toBe(true);
    resumed.socket.close();
  });
});
