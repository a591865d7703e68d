// Attachments: uploads (idempotent, limited, checked on the bytes), the signed links that serve them,
// and the end of a file when the last conversation that referenced it goes.
import type { IncomingMessage } from "node:http";
import { rm, writeFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import { createHash } from "node:crypto";
import { LIMITS, type Attachment } from "@live-chat/protocol";
import type { Db } from "../store/db.js";
import type { SettingsStore } from "../store/settings.js";
import type { TokenService } from "../auth/tokens.js";
import type { Logger } from "../log.js";
import { AppError } from "../errors.js";
import { Prisma, type Attachment as AttachmentRow } from "../generated/sqlite/client.js";
import { openFileStore, type FileStore } from "./storage.js";
import { drain, receiveUpload } from "./receive.js";
import { INLINE_TYPES, inspectUpload } from "./inspect.js";
import { Attachments } from "./attach.js";
import { checkLink, signLink, type Audience, type Variant } from "./links.js";

export type Uploader = { type: "visitor" | "operator"; id: string };
/** Who asks for a file: a signed-in operator, a visitor by their token, or nobody known. */
export type Caller = { operator: boolean; visitorId?: string };

export interface FileServiceDeps {
  config: { filesDir: string; s3Url?: string; unsentFileMaxAgeMs: number };
  db: Db;
  settings: SettingsStore;
  tokens: TokenService;
  log: Logger;
  /** In a cluster other nodes may be staging uploads in a shared folder: only old leftovers are theirs to lose. */
  clustered: boolean;
}

export interface ServedFile {
  stream: Readable;
  headers: Record<string, string>;
}

const HOUR_MS = 3_600_000;

export class FileService {
  /** Files in messages and canned replies. */
  readonly attachments = new Attachments(this);

  private constructor(
    readonly deps: FileServiceDeps,
    readonly store: FileStore,
  ) {}

  static async open(deps: FileServiceDeps): Promise<FileService> {
    const store = openFileStore(deps.config);
    // What a killed upload left half-written is never referenced (rows are written after the file is in place).
    const removed = await store.cleanStaging(deps.clustered ? HOUR_MS : 0);
    if (removed > 0) deps.log.info({ removed }, "removed unfinished uploads");
    return new FileService(deps, store);
  }

  private get db(): Db {
    return this.deps.db;
  }

  /** The one visitor who may see this file: its conversation's, or its uploader's while unattached. */
  private async ownerVisitor(row: AttachmentRow): Promise<string | undefined> {
    if (row.conversationId) {
      const conversation = await this.db.conversation.findUnique({ where: { id: row.conversationId }, select: { visitorId: true } });
      return conversation?.visitorId;
    }
    return row.uploaderType === "visitor" ? row.uploaderId : undefined;
  }

  present(row: AttachmentRow, audience: Audience): Attachment {
    return {
      id: row.id,
      name: row.name,
      size: row.size,
      type: row.type,
      url: signLink(this.deps.tokens, row.id, "file", audience),
      ...(row.thumbnailHash ? { thumbnailUrl: signLink(this.deps.tokens, row.id, "thumbnail", audience) } : {}),
    };
  }

  /** Stores the multipart upload of `req` once per Idempotency-Key, or refuses it (400/413/415/429). */
  async upload(req: IncomingMessage, uploader: Uploader): Promise<AttachmentRow> {
    const key = req.headers["idempotency-key"];
    if (typeof key !== "string" || key.trim() === "" || key.length > LIMITS.idempotencyKey) {
      await drain(req);
      throw new AppError("BAD_REQUEST", "Idempotency-Key");
    }
    const idempotencyKey = key.trim();
    const byKey = { uploaderType_uploaderId_idempotencyKey: { uploaderType: uploader.type, uploaderId: uploader.id, idempotencyKey } };
    const again = await this.db.attachment.findUnique({ where: byKey });
    if (again) {
      await drain(req);
      return again;
    }
    const settings = await this.deps.settings.get();
    if (uploader.type === "visitor") {
      const lastHour = await this.db.attachment.count({ where: { uploaderType: "visitor", uploaderId: uploader.id, createdAt: { gt: new Date(Date.now() - HOUR_MS) } } });
      if (lastHour >= settings.filesPerVisitorPerHour) {
        await drain(req);
        throw new AppError("FILE_LIMIT_REACHED");
      }
    }
    const received = await receiveUpload(req, { stagingPath: this.store.stagingPath(), maxBytes: settings.fileMaxBytes });
    const staged: string[] = [received.path];
    try {
      const inspected = await inspectUpload(received.path, received.name);
      let main = { path: received.path, hash: received.sha256, size: received.size };
      if (inspected.bytes) {
        await rm(received.path, { force: true });
        main = await this.stage(inspected.bytes, staged);
      }
      const thumbnail = inspected.thumbnail ? await this.stage(inspected.thumbnail, staged) : undefined;
      await this.store.put(main.hash, main.path);
      if (thumbnail) await this.store.put(thumbnail.hash, thumbnail.path);
      try {
        return await this.db.attachment.create({
          data: { hash: main.hash, thumbnailHash: thumbnail?.hash ?? null, name: inspected.name, size: main.size, type: inspected.type, uploaderType: uploader.type, uploaderId: uploader.id, idempotencyKey },
        });
      } catch (err) {
        // The same key finished first on another request: that one is the answer.
        if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return this.db.attachment.findUniqueOrThrow({ where: byKey });
        throw err;
      }
    } finally {
      await Promise.all(staged.map((path) => rm(path, { force: true })));
    }
  }

  private async stage(bytes: Buffer, staged: string[]): Promise<{ path: string; hash: string; size: number }> {
    const path = this.store.stagingPath();
    staged.push(path);
    await writeFile(path, bytes, { flag: "wx" });
    return { path, hash: createHash("sha256").update(bytes).digest("hex"), size: bytes.length };
  }

  /** The bytes behind a signed link, with headers that never let a browser run them. */
  async serve(id: string, variant: Variant, query: { for?: unknown; exp?: unknown; sig?: unknown }, caller: Caller): Promise<ServedFile> {
    const row = await this.db.attachment.findUnique({ where: { id } });
    if (!row || (variant === "thumbnail" && !row.thumbnailHash)) throw new AppError("NOT_FOUND");
    const exp = Number(query.exp);
    const sig = typeof query.sig === "string" ? query.sig : "";
    if (!Number.isInteger(exp)) throw new AppError("FORBIDDEN");
    let audience: Audience;
    if (query.for === "operator") {
      if (!caller.operator) throw new AppError("FORBIDDEN");
      audience = { kind: "operator" };
    } else if (query.for === "visitor") {
      const owner = await this.ownerVisitor(row);
      // A visitor who says who they are must be that visitor; the link alone serves an <img>.
      if (!owner || (caller.visitorId !== undefined && caller.visitorId !== owner)) throw new AppError("FORBIDDEN");
      audience = { kind: "visitor", visitorId: owner };
    } else throw new AppError("FORBIDDEN");
    const check = checkLink(this.deps.tokens, row.id, variant, audience, exp, sig);
    if (check === "bad") throw new AppError("FORBIDDEN");
    if (check === "expired") throw new AppError("LINK_EXPIRED");
    const type = variant === "thumbnail" ? "image/webp" : row.type;
    const inline = INLINE_TYPES.has(type);
    const stream = await this.store.get(variant === "thumbnail" ? row.thumbnailHash! : row.hash);
    return {
      stream,
      headers: {
        "content-type": type.startsWith("text/") ? `${type}; charset=utf-8` : type,
        ...(variant === "file" ? { "content-length": String(row.size) } : {}),
        "content-disposition": `${inline ? "inline" : "attachment"}; filename="${asciiName(row.name)}"; filename*=UTF-8''${encodeURIComponent(row.name)}`,
        "x-content-type-options": "nosniff",
        "content-security-policy": "sandbox; default-src 'none'",
        "cross-origin-resource-policy": "cross-origin",
        "cache-control": `private, max-age=${Math.max(0, Math.min(300, exp - Math.floor(Date.now() / 1000)))}`,
      },
    };
  }

  /** Deletes a conversation's attachments; a stored file goes once no other row refers to its hash. */
  async deleteConversationFiles(conversationId: string): Promise<number> {
    const rows = await this.db.attachment.findMany({ where: { conversationId } });
    if (rows.length === 0) return 0;
    await this.db.attachment.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
    await this.dropUnreferenced(rows.flatMap((r) => (r.thumbnailHash ? [r.hash, r.thumbnailHash] : [r.hash])));
    return rows.length;
  }

  /**
   * Uploads never sent (a visitor who closed the tab before the message went, an operator who removed
   * the file) older than `olderThanMs`: their rows go, and each stored file nothing else refers to.
   * A canned reply's file is kept, sent or not.
   */
  async sweepUnsent(olderThanMs = this.deps.config.unsentFileMaxAgeMs): Promise<number> {
    const onReplies = await this.db.cannedReply.findMany({ where: { attachmentId: { not: null } }, select: { attachmentId: true } });
    const rows = await this.db.attachment.findMany({
      where: { messageId: null, conversationId: null, createdAt: { lt: new Date(Date.now() - olderThanMs) }, id: { notIn: onReplies.map((r) => r.attachmentId!) } },
    });
    if (rows.length === 0) return 0;
    // Only rows still unsent now: one linked to a message since the read above stays.
    await this.db.attachment.deleteMany({ where: { id: { in: rows.map((r) => r.id) }, messageId: null } });
    await this.dropUnreferenced(rows.flatMap((r) => (r.thumbnailHash ? [r.hash, r.thumbnailHash] : [r.hash])));
    return rows.length;
  }

  async dropUnreferenced(hashes: string[]): Promise<void> {
    for (const hash of new Set(hashes)) {
      const still = await this.db.attachment.count({ where: { OR: [{ hash }, { thumbnailHash: hash }] } });
      if (still === 0) await this.store.delete(hash);
    }
  }
}

/** The download name for old clients that read only `filename`: ASCII, no quotes. */
function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
}
