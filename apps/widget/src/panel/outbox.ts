// Messages the visitor typed that the server has not acknowledged yet. Kept in localStorage so a
// reload or a network drop loses nothing; each keeps its clientId, so a resend is stored only once.
// Attached files are named here; their bytes wait in IndexedDB (uploads.ts, loaded only once files are in play).
import { readStored, writeStored } from "../storage.js";
import type { PendingFile, UploadFailure } from "./uploads.js";

type Uploads = typeof import("./uploads.js");
let uploads: Promise<Uploads> | undefined;

/** The file code is its own chunk: fetched when the visitor reaches for the paperclip, drags, pastes, or the
 * outbox holds a file. Fetched once; a failed fetch (offline) is an upload worth retrying, and is tried again. */
export function loadUploads(): Promise<Uploads> {
  return (uploads ??= import("./uploads.js").catch(() => {
    uploads = undefined;
    throw { message: "", retry: true } satisfies UploadFailure;
  }));
}

export interface OutboxEntry {
  clientId: string;
  body: string;
  createdAt: string;
  state: "pending" | "failed";
  files?: PendingFile[];
  /** Why it failed, in the visitor's language, when the server said. */
  error?: string;
}

export function newClientId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID exists only on secure origins; a plain-http site still deserves a random v4 id.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class Outbox {
  constructor(private readonly server: string) {}

  /** Read afresh each time: another tab of the same site may have changed it. */
  entries(): OutboxEntry[] {
    const stored = readStored<OutboxEntry[]>(this.server, "outbox");
    return Array.isArray(stored) ? stored : [];
  }

  add(body: string, files?: PendingFile[]): OutboxEntry {
    const entry: OutboxEntry = { clientId: newClientId(), body, createdAt: new Date().toISOString(), state: "pending", ...(files?.length ? { files } : {}) };
    this.save([...this.entries(), entry]);
    return entry;
  }

  update(clientId: string, patch: Partial<OutboxEntry>): void {
    this.save(this.entries().map((e) => (e.clientId === clientId ? { ...e, ...patch } : e)));
  }

  /** Takes the entries out and says which went, so their kept files can go too. */
  remove(clientIds: ReadonlySet<string>): OutboxEntry[] {
    const entries = this.entries();
    const kept = entries.filter((e) => !clientIds.has(e.clientId));
    if (kept.length !== entries.length) this.save(kept);
    return entries.filter((e) => clientIds.has(e.clientId));
  }

  private save(entries: OutboxEntry[]): void {
    writeStored(this.server, "outbox", entries.length ? entries : undefined);
  }
}
