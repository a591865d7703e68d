// Reads the multipart field `file` of an upload into a staged temp file, hashing and counting as it
// goes; refuses a file over the size limit without keeping any of it.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import type { IncomingMessage } from "node:http";
import busboy from "busboy";
import { AppError } from "../errors.js";

export interface Received {
  path: string;
  name: string;
  size: number;
  sha256: string;
}

/** Reads what is left of a request we answer early, so the client gets the answer rather than a reset. */
export async function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded) return;
  req.resume();
  await once(req, "end").catch(() => undefined);
}

export async function receiveUpload(req: IncomingMessage, opts: { stagingPath: string; maxBytes: number }): Promise<Received> {
  if (!req.headers["content-type"]?.startsWith("multipart/form-data")) {
    await drain(req);
    throw new AppError("BAD_REQUEST", "file", "multipart/form-data");
  }
  const parser = busboy({ headers: req.headers, limits: { fileSize: opts.maxBytes, files: 1, fields: 10, parts: 12 } });
  let written = undefined as Promise<Received> | undefined;
  let tooLarge = false;
  parser.on("file", (field, stream, info) => {
    if (field !== "file" || written) return void stream.resume();
    const hash = createHash("sha256");
    let size = 0;
    stream.on("limit", () => (tooLarge = true));
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    written = pipeline(stream, count, createWriteStream(opts.stagingPath, { flags: "wx" })).then(() => ({ path: opts.stagingPath, name: info.filename ?? "", size, sha256: hash.digest("hex") }));
    // Kept from rejecting unobserved until the request has been read to its end.
    written.catch(() => undefined);
  });
  try {
    await pipeline(req, parser);
    if (!written) throw new AppError("BAD_REQUEST", "file");
    const received = await written;
    if (tooLarge) throw new AppError("FILE_TOO_LARGE", "file");
    if (received.size === 0) throw new AppError("BAD_REQUEST", "file");
    return received;
  } catch (err) {
    await rm(opts.stagingPath, { force: true });
    if (err instanceof AppError) throw err;
    // A malformed body, or a client that went away mid-upload.
    throw new AppError("BAD_REQUEST", "file");
  }
}
