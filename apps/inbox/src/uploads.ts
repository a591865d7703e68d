// Files the team sends (in a chat, or on a canned reply) go up over HTTP before they are referenced:
// POST /api/files with progress, and an Idempotency-Key per file so a retry never stores it twice.
import type { Attachment, ErrorBody, Locale } from "@live-chat/protocol";
import { ApiError } from "./api.js";

/** A file the operator chose, until it is stored on the server (then `attachment` is set). */
export interface ChosenFile {
  file: File;
  key: string;
  progress: number;
  attachment?: Attachment;
}

export function choose(file: File): ChosenFile {
  return { file, key: crypto.randomUUID(), progress: 0 };
}

/** Uploads `chosen` (once: a stored one is returned as it is); a refusal throws ApiError with the server's words. */
export function uploadFile(token: string | null, chosen: ChosenFile, locale: Locale, onProgress: () => void): Promise<Attachment> {
  if (chosen.attachment) return Promise.resolve(chosen.attachment);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/files");
    if (token) xhr.setRequestHeader("Authorization", `Bearer ${token}`);
    xhr.setRequestHeader("Idempotency-Key", chosen.key);
    xhr.setRequestHeader("X-Locale", locale);
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      chosen.progress = e.loaded / e.total;
      onProgress();
    };
    xhr.onload = () => {
      let body: (Attachment & { error?: ErrorBody }) | undefined;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status === 201 && body?.id) {
        chosen.attachment = body;
        chosen.progress = 1;
        resolve(body);
      } else reject(new ApiError(xhr.status, body?.error ?? { code: "INTERNAL", message: "" }, locale));
    };
    xhr.onerror = () => reject(new ApiError(0, { code: "INTERNAL", message: "" }, locale));
    const form = new FormData();
    form.append("file", chosen.file, chosen.file.name || "image.png");
    xhr.send(form);
  });
}
