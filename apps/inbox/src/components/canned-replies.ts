// The canned replies a composer offers for its chat's phase and language, kept apart from the
// composer's rendering: fetched once per sign-in and again after an admin changes them.
import type { ReactiveControllerHost } from "lit";
import type { CannedReply, Locale, Phase } from "@live-chat/protocol";
import { cannedReplies } from "../api.js";

/** A canned-reply list per sign-in, phase, language and version, shared by every composer. */
const cannedCache = new Map<string, Promise<CannedReply[]>>();

export class CannedReplies {
  replies: CannedReply[] = [];
  #key = "";
  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** Cheap when nothing changed: the key compares phase, language and the replies' version. */
  async follow(token: string, phase: Phase, locale: Locale, version: number): Promise<void> {
    const key = `${phase}|${locale}|${version}`;
    if (key === this.#key) return;
    this.#key = key;
    const cacheKey = `${token}|${key}`;
    let pending = cannedCache.get(cacheKey);
    if (!pending) {
      pending = cannedReplies(token, phase, locale);
      cannedCache.set(cacheKey, pending);
      pending.catch(() => cannedCache.delete(cacheKey));
    }
    try {
      const replies = await pending;
      if (key !== this.#key) return;
      this.replies = replies;
      this.#host.requestUpdate();
    } catch {
      if (key === this.#key) this.#key = "";
    }
  }
}
