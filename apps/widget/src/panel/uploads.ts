// Files the visitor attaches: their bytes kept in IndexedDB until the message that carries them is
// stored (so a reload or a dropped network loses none), and their upload over HTTP with progress.
import type { Attachment, Locale } from "@live-chat/protocol";

/** A file waiting in the outbox; `key` is both its IndexedDB key and its Idempotency-Key. */
export interface PendingFile {
  key: string;
  name: string;
  size: number;
  /** Set once the server stored it: a later try sends the message without uploading again. */
  id?: string;
}

/** Why an upload failed: the server's words (too big, type, hourly limit), and whether trying again may work. A plain object, not an Error class: the widget's byte budget is tight. */
export interface UploadFailure {
  message: string;
  retry: boolean;
}

/** Without IndexedDB (blocked storage) the bytes live for this page view only. */
const memory = new Map<string, Blob>();

function store<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest): Promise<T | undefined> {
  return new Promise((resolve) => {
    try {
      const open = indexedDB.open("live-chat-files", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("files");
      open.onsuccess = () => {
        const req = run(open.result.transaction("files", mode).objectStore("files"));
        // Closed once the transaction is done, so an erasure's deleteDatabase is never left waiting on us.
        open.result.close();
        req.onsuccess = () => resolve(req.result as T);
        req.onerror = () => resolve(undefined);
      };
      open.onerror = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
}

export async function keepFile(key: string, blob: Blob): Promise<void> {
  memory.set(key, blob);
  await store("readwrite", (s) => s.put(blob, key));
}

export async function keptFile(key: string): Promise<Blob | undefined> {
  return memory.get(key) ?? (await store<Blob>("readonly", (s) => s.get(key)));
}

export function dropFiles(keys: string[]): void {
  for (const key of keys) {
    memory.delete(key);
    void store("readwrite", (s) => s.delete(key));
  }
}

/** POST /api/files as this visitor; the same key twice stores the file once. */
export function upload(server: string, token: string, file: PendingFile, blob: Blob, locale: Locale, onProgress: (fraction: number) => void): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${server}/api/files`);
    xhr.setRequestHeader("Authorization", `Visitor ${token}`);
    xhr.setRequestHeader("Idempotency-Key", file.key);
    xhr.setRequestHeader("X-Locale", locale);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { id?: string; error?: { message?: string } } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // A proxy's HTML error page: treated as a failure worth retrying.
      }
      if (xhr.status === 201 && body.id) resolve(body as Attachment);
      else reject({ message: body.error?.message ?? "", retry: xhr.status !== 413 && xhr.status !== 415 } satisfies UploadFailure);
    };
    xhr.onerror = () => reject({ message: "", retry: true } satisfies UploadFailure);
    const form = new FormData();
    form.append("file", blob, file.name);
    xhr.send(form);
  });
}
