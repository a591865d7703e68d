// Who is on the site now: loaded over HTTP, kept current by the server's batched `visitors:updated`
// deltas, and loaded again after every reconnect (deltas missed while away). Also each visitor's
// earlier conversations, fetched once per visitor and kept for the session.
import type { Conversation, LiveVisitor, LiveVisitorsDelta, Message, VisitorConversation } from "@live-chat/protocol";
import { liveVisitors, transcriptMessages, visitorConversations } from "../api.js";
import type { StoreContext } from "./context.js";

/** A full reload now and then also drops visitors whose node went away without saying so. */
const RELOAD_MS = 60_000;

export class LiveVisitorList {
  /** Null until first loaded. */
  loaded = false;
  error: unknown = null;
  readonly #byId = new Map<string, LiveVisitor>();
  #sorted: LiveVisitor[] | null = null;
  /** Deltas that arrive while a load is under way win over its (older) answer. */
  #sinceLoad: LiveVisitorsDelta[] | null = null;
  #reloadTimer: ReturnType<typeof setInterval> | null = null;
  readonly #earlier = new Map<string, VisitorConversation[] | "loading" | "failed">();
  readonly #transcripts = new Map<string, Message[] | "loading" | "failed">();
  readonly #store: StoreContext;

  constructor(store: StoreContext) {
    this.#store = store;
  }

  get size(): number {
    return this.#byId.size;
  }

  /** Everyone on the site, the latest arrivals first; the same array until something changes. */
  get all(): LiveVisitor[] {
    this.#sorted ??= [...this.#byId.values()].sort((a, b) => (a.since < b.since ? 1 : a.since > b.since ? -1 : a.id < b.id ? -1 : 1));
    return this.#sorted;
  }

  get(id: string): LiveVisitor | undefined {
    return this.#byId.get(id);
  }

  async load(): Promise<void> {
    this.#sinceLoad = [];
    try {
      const list = await liveVisitors(this.#store.token);
      this.#byId.clear();
      for (const v of list) this.#byId.set(v.id, v);
      for (const delta of this.#sinceLoad) this.#apply(delta);
      this.loaded = true;
      this.error = null;
    } catch (err) {
      this.error = err;
    } finally {
      this.#sinceLoad = null;
      this.#sorted = null;
      this.#store.changed();
    }
    this.#reloadTimer ??= setInterval(() => void this.load(), RELOAD_MS);
  }

  stop(): void {
    if (this.#reloadTimer) clearInterval(this.#reloadTimer);
    this.#reloadTimer = null;
  }

  updated(delta: LiveVisitorsDelta): void {
    this.#sinceLoad?.push(delta);
    this.#apply(delta);
    this.#sorted = null;
    this.#store.changed();
  }

  /** A chat that ended for its visitor: the live row no longer says "in a chat" (its node may not know yet). */
  conversationUpdated(c: Conversation): void {
    if (c.status !== "closed" && !c.checklist.visitor_left) return;
    const v = this.#byId.get(c.visitor.id);
    if (v?.conversationId !== c.id) return;
    const { conversationId: _ended, ...rest } = v;
    this.#byId.set(v.id, rest);
    this.#sorted = null;
    this.#earlier.delete(v.id);
  }

  #apply(delta: LiveVisitorsDelta): void {
    for (const v of delta.upserted) {
      const known = this.#byId.get(v.id);
      this.#byId.set(v.id, v);
      if (known && known.previousConversations !== v.previousConversations) this.#earlier.delete(v.id);
    }
    for (const id of delta.removed) this.#byId.delete(id);
  }

  /** The visitor's conversations (newest first); null while loading, "failed" when they could not be read. */
  earlier(visitorId: string): VisitorConversation[] | null | "failed" {
    return this.#fetchOnce(this.#earlier, visitorId, () => visitorConversations(this.#store.token, visitorId));
  }

  /** An earlier conversation's messages, to read; null while loading. */
  transcript(conversationId: string): Message[] | null | "failed" {
    return this.#fetchOnce(this.#transcripts, conversationId, () => transcriptMessages(this.#store.token, conversationId));
  }

  /** Forgets what could not be loaded, so asking again fetches again (the operator's "try again"). */
  retryFailed(key: string): void {
    for (const map of [this.#earlier, this.#transcripts] as Array<Map<string, unknown>>) if (map.get(key) === "failed") map.delete(key);
  }

  /** What `map` holds for `key`, fetching it the first time it is asked for. */
  #fetchOnce<T>(map: Map<string, T | "loading" | "failed">, key: string, fetch: () => Promise<T>): T | null | "failed" {
    const known = map.get(key);
    if (known === undefined) {
      map.set(key, "loading");
      void fetch()
        .then(
          (value) => map.set(key, value),
          () => map.set(key, "failed"),
        )
        .finally(() => this.#store.changed());
      return null;
    }
    return known === "loading" ? null : known;
  }

  /** Sends an invitation; returns the error to show, or null when it went out. */
  async invite(visitorId: string, body: string): Promise<string | null> {
    const ack = await this.#store.connection.call("visitor:invite", { visitorId, body });
    if (ack.ok) return null;
    return this.#store.connection.errorText(ack.error);
  }
}
