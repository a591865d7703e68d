// Helpers the attachment tests share: uploads as a visitor or an operator, fetching signed links,
// images made on the spot, and what the files folder holds.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import type { Attachment } from "@live-chat/protocol";

export type Credential = { visitorToken: string } | { operatorToken: string } | Record<string, never>;

function authHeader(who: Credential): Record<string, string> {
  if ("visitorToken" in who) return { authorization: `Visitor ${who.visitorToken}` };
  if ("operatorToken" in who) return { authorization: `Bearer ${who.operatorToken}` };
  return {};
}

export async function upload(url: string, who: Credential, file: { bytes: Buffer | string; name: string; key?: string; headers?: Record<string, string> }) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(typeof file.bytes === "string" ? Buffer.from(file.bytes) : file.bytes)]), file.name);
  const res = await fetch(`${url}/api/files`, {
    method: "POST",
    headers: { ...authHeader(who), ...(file.key === undefined ? {} : { "idempotency-key": file.key }), ...file.headers },
    body: form,
  });
  const body = (await res.json()) as Attachment & { error?: { code: string; message: string; field?: string } };
  return { status: res.status, body };
}

export async function download(url: string, link: string, who: Credential = {}) {
  const res = await fetch(url + link, { headers: authHeader(who) });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

export const png = (width = 800, height = 600) => sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } }).png().toBuffer();

/** A tiny PDF: what file-type recognises by its bytes. */
export const pdf = (text = "returns form") => Buffer.from(`%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% ${text}\ntrailer <</Root 1 0 R>>\n%%EOF\n`);

export const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Every stored file under the files folder, by name (its hash). */
export function storedBlobs(filesDir: string): string[] {
  const blobs = join(filesDir, "blobs");
  if (!existsSync(blobs)) return [];
  return readdirSync(blobs).flatMap((dir) => readdirSync(join(blobs, dir)).map((name) => join(blobs, dir, name)));
}

export function stagedFiles(filesDir: string): string[] {
  const tmp = join(filesDir, "tmp");
  return existsSync(tmp) ? readdirSync(tmp) : [];
}

/** No stored file holds bytes other than its name says: nothing half-written sits under a hash. */
export function everyBlobWhole(filesDir: string): boolean {
  return storedBlobs(filesDir).every((path) => sha256(readFileSync(path)) === path.split("/").pop());
}
