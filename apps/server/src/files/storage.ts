// Where file bytes live, behind one small interface: the local disk by default, or an S3-compatible
// store. Files are addressed by their SHA-256; bytes are staged in a temp file and only then put in
// place (a rename on disk), so a crash mid-upload never leaves a half file under a hash.
import { createReadStream, mkdirSync } from "node:fs";
import { open, readdir, rename, rm, stat, unlink } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";

export interface FileStore {
  /** A fresh path in the staging folder to write a file into before `put`. */
  stagingPath(): string;
  /** Moves a complete staged file in place under its hash (or drops it when that hash is stored already). */
  put(hash: string, stagedPath: string): Promise<void>;
  get(hash: string): Promise<Readable>;
  delete(hash: string): Promise<void>;
  exists(hash: string): Promise<boolean>;
  /** Removes staged files a crash left behind; `olderThanMs` spares uploads another node may be writing. */
  cleanStaging(olderThanMs: number): Promise<number>;
}

const HASH = /^[0-9a-f]{64}$/;
function checkHash(hash: string): string {
  if (!HASH.test(hash)) throw new Error(`not a sha256 hash: ${hash}`);
  return hash;
}

/** The staging folder both stores use: on the local disk, in the files folder (same file system as the blobs). */
class Staging {
  readonly dir: string;
  constructor(filesDir: string) {
    this.dir = join(filesDir, "tmp");
    mkdirSync(this.dir, { recursive: true });
  }
  path(): string {
    return join(this.dir, `${Date.now()}-${randomBytes(8).toString("hex")}.part`);
  }
  async clean(olderThanMs: number): Promise<number> {
    let removed = 0;
    const cutoff = Date.now() - olderThanMs;
    for (const name of await readdir(this.dir)) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => null);
      if (info && info.mtimeMs <= cutoff) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

export class DiskStore implements FileStore {
  private readonly staging: Staging;
  private readonly blobs: string;
  constructor(filesDir: string) {
    this.staging = new Staging(filesDir);
    this.blobs = join(filesDir, "blobs");
    mkdirSync(this.blobs, { recursive: true });
  }

  /** blobs/ab/abcdef…: two hex digits per folder keep any one folder small. */
  pathOf(hash: string): string {
    return join(this.blobs, checkHash(hash).slice(0, 2), hash);
  }

  stagingPath(): string {
    return this.staging.path();
  }

  async put(hash: string, stagedPath: string): Promise<void> {
    if (await this.exists(hash)) return unlink(stagedPath);
    // On disk before the rename makes it visible: a power cut cannot leave an empty file under the hash.
    const handle = await open(stagedPath, "r+");
    await handle.sync().finally(() => handle.close());
    const target = this.pathOf(hash);
    mkdirSync(join(target, ".."), { recursive: true });
    await rename(stagedPath, target);
  }

  async get(hash: string): Promise<Readable> {
    const path = this.pathOf(hash);
    await stat(path);
    return createReadStream(path);
  }

  async delete(hash: string): Promise<void> {
    await rm(this.pathOf(hash), { force: true });
  }

  async exists(hash: string): Promise<boolean> {
    return stat(this.pathOf(hash)).then(
      () => true,
      () => false,
    );
  }

  cleanStaging(olderThanMs: number): Promise<number> {
    return this.staging.clean(olderThanMs);
  }
}

export interface S3Location {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

/** `s3://key:secret@host:port/bucket?region=eu-west-1&forcePathStyle=true&tls=false` */
export function parseS3Url(url: string): S3Location {
  const parsed = new URL(url);
  if (parsed.protocol !== "s3:") throw new Error("S3_URL must start with s3://");
  const bucket = parsed.pathname.replace(/^\/+|\/+$/g, "");
  if (!bucket) throw new Error("S3_URL names no bucket (s3://key:secret@host/bucket)");
  const tls = parsed.searchParams.get("tls") !== "false";
  return {
    endpoint: `${tls ? "https" : "http"}://${parsed.host}`,
    region: parsed.searchParams.get("region") ?? "us-east-1",
    bucket,
    accessKeyId: decodeURIComponent(parsed.username),
    secretAccessKey: decodeURIComponent(parsed.password),
    forcePathStyle: parsed.searchParams.get("forcePathStyle") === "true",
  };
}

export class S3Store implements FileStore {
  private readonly staging: Staging;
  private readonly client: S3Client;
  private readonly bucket: string;
  constructor(location: S3Location, filesDir: string) {
    this.staging = new Staging(filesDir);
    this.bucket = location.bucket;
    this.client = new S3Client({
      endpoint: location.endpoint,
      region: location.region,
      forcePathStyle: location.forcePathStyle,
      credentials: { accessKeyId: location.accessKeyId, secretAccessKey: location.secretAccessKey },
      // The SDK's default checksums send a stream as aws-chunked, which S3-compatible servers such as
      // s3rver (and older MinIO/Ceph) store with its chunk framing: checksums only where S3 needs them.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  private key(hash: string): string {
    return `blobs/${checkHash(hash)}`;
  }

  stagingPath(): string {
    return this.staging.path();
  }

  async put(hash: string, stagedPath: string): Promise<void> {
    try {
      // An object appears in S3 whole or not at all, so the staged file can go up directly.
      if (!(await this.exists(hash))) {
        const { size } = await stat(stagedPath);
        await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.key(hash), Body: createReadStream(stagedPath), ContentLength: size }));
      }
    } finally {
      await rm(stagedPath, { force: true });
    }
  }

  async get(hash: string): Promise<Readable> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(hash) }));
    return object.Body as Readable;
  }

  async delete(hash: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(hash) }));
  }

  async exists(hash: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(hash) }));
      return true;
    } catch (err) {
      if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw err;
    }
  }

  cleanStaging(olderThanMs: number): Promise<number> {
    return this.staging.clean(olderThanMs);
  }
}

export function openFileStore(config: { filesDir: string; s3Url?: string }): FileStore {
  return config.s3Url ? new S3Store(parseS3Url(config.s3Url), config.filesDir) : new DiskStore(config.filesDir);
}
