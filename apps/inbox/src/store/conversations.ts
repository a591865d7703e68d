// The operator's chats: their own, the queue, the one selected, and the actions on a chat
// (claim, transfer, close, phase, checklist, contact reasons). Unread counts and attention for new chats live here.
import type { Ack, ChecklistItem, Conversation, Message, Phase, TransferWhenFull } from "@live-chat/protocol";
import type { AckOf } from "./connection.js";
import type { StoreContext } from "./context.js";

type Colleague = Extract<AckOf<"operators:list">, { ok: true }>["operators"][number];

export interface Attention {
  kind: "new-chat" | "new-message";
  conversation: Conversation;
  message?: Message;
}

const LIST_REFRESH_DELAY_MS = 250;

export class Conversations {
  readonly #byId = new Map<string, Conversation>();
  readonly #colleagueNames = new Map<string, string>();
  unread = new Map<string, number>();
  queue = { waiting: 0, oldestWaitSeconds: 0 };
  selectedId: string | null = null;
  #seenSeq = new Map<string, number>();
  #listRefresh: ReturnType<typeof setTimeout> | null = null;

  /** `opened` is told of every chat the operator selects, so its transcript and follow-ups load. */
  readonly #store: StoreContext;
  readonly #opened: (conversationId: string) => void;

  constructor(store: StoreContext, opened: (conversationId: string) => void) {
    this.#store = store;
    this.#opened = opened;
  }

  get(id: string): Conversation | undefined {
    return this.#byId.get(id);
  }

  get mine(): Conversation[] {
    return [...this.#byId.values()]
      .filter((c) => c.operator?.id === this.#store.user.id && c.status !== "closed" && c.status !== "queued")
      .sort((a, b) => waitingSince(a) - waitingSince(b));
  }

  get queued(): Conversation[] {
    return [...this.#byId.values()].filter((c) => c.status === "queued").sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  }

  get selected(): Conversation | undefined {
    return this.selectedId ? this.#byId.get(this.selectedId) : undefined;
  }

  get unreadTotal(): number {
    let total = 0;
    for (const n of this.unread.values()) total += n;
    return total;
  }

  select(id: string | null): void {
    this.selectedId = id;
    if (id) {
      this.unread.delete(id);
      this.#opened(id);
    }
    this.#store.changed();
  }

  markSeen(): void {
    if (this.selectedId && this.unread.delete(this.selectedId)) this.#store.changed();
  }

  async claim(conversationId: string): Promise<Ack> {
    const ack = await this.#store.connection.call("conversation:claim", { conversationId });
    if (ack.ok) {
      this.upsert(ack.conversation);
      this.select(ack.conversation.id);
    }
    return ack;
  }

  async setPhase(conversationId: string, phase: Phase): Promise<Ack> {
    return this.#upsertOnSuccess(await this.#store.connection.call("phase:set", { conversationId, phase }));
  }

  async check(conversationId: string, item: ChecklistItem): Promise<Ack> {
    return this.#upsertOnSuccess(await this.#store.connection.call("checklist:check", { conversationId, item }));
  }

  async close(conversationId: string, reason?: string): Promise<Ack> {
    return this.#upsertOnSuccess(await this.#store.connection.call("conversation:close", { conversationId, ...(reason ? { reason } : {}) }));
  }

  /** Replaces the chat's contact reasons; the server's conversation:updated follows, this shows them at once. */
  async setReasons(conversationId: string, reasonIds: string[]): Promise<Ack> {
    const ack = await this.#store.connection.call("conversation:reasons", { conversationId, reasonIds });
    const c = this.#byId.get(conversationId);
    if (ack.ok && c) this.upsert({ ...c, reasonIds });
    return ack;
  }

  async colleagues(): Promise<Colleague[]> {
    const ack = await this.#store.connection.call("operators:list", {});
    if (!ack.ok) return [];
    for (const o of ack.operators) this.#colleagueNames.set(o.id, o.name);
    return ack.operators.filter((o) => o.id !== this.#store.user.id);
  }

  /** A colleague's name as last listed (the one a chat waits for), or undefined before the list was loaded. */
  colleagueName(id: string): string | undefined {
    return this.#colleagueNames.get(id);
  }

  /** Moved now (the chat leaves this inbox), or queued for a colleague at capacity (it stays here until their seat frees). */
  async transfer(conversationId: string, toOperatorId: string, note: string, whenFull: TransferWhenFull = "refuse"): Promise<Ack> {
    const ack = await this.#store.connection.call("conversation:transfer", { conversationId, toOperatorId, ...(note.trim() ? { note: note.trim() } : {}), ...(whenFull === "refuse" ? {} : { whenFull }) });
    if (ack.ok && ack.handOver === "now") this.#forget(conversationId);
    return ack;
  }

  /** Assigned to this operator by routing or a colleague: new ones count as unread and ask for attention. */
  assigned(c: Conversation): void {
    const isNew = this.#byId.get(c.id)?.operator?.id !== this.#store.user.id;
    this.upsert(c);
    if (isNew && this.selectedId !== c.id) this.unread.set(c.id, Math.max(1, this.unread.get(c.id) ?? 0));
    if (isNew) this.#attention({ kind: "new-chat", conversation: c });
  }

  /** A chat's list row follows its newest message; a visitor's message counts as unread unless it is being read. */
  received(m: Message): void {
    const c = this.#byId.get(m.conversationId);
    if (!c) return;
    // A message arrives twice when it is one's own (ack and broadcast); only the first counts.
    if ((this.#seenSeq.get(c.id) ?? 0) >= m.seq) return;
    this.#seenSeq.set(c.id, m.seq);
    const next: Conversation = { ...c, lastSeq: Math.max(m.seq, c.lastSeq ?? 0) };
    if (m.kind === "text") next.lastMessage = { body: m.body, kind: m.kind, createdAt: m.createdAt, author: m.author };
    if (m.author.type === "visitor") {
      next.awaitingReplySince = c.awaitingReplySince ?? m.createdAt;
      next.lastVisitorMessageAt = m.createdAt;
    } else if (m.author.type === "operator" && m.kind === "text") {
      next.awaitingReplySince = undefined;
    }
    this.#byId.set(c.id, next);
    if (m.author.type !== "visitor") return;
    if (this.selectedId !== m.conversationId || document.hidden) this.unread.set(m.conversationId, (this.unread.get(m.conversationId) ?? 0) + 1);
    this.#attention({ kind: "new-message", conversation: c, message: m });
  }

  queueUpdated(q: { waiting: number; oldestWaitSeconds: number }): void {
    this.queue = q;
    if (this.#listRefresh) clearTimeout(this.#listRefresh);
    this.#listRefresh = setTimeout(() => void this.refreshList(), LIST_REFRESH_DELAY_MS);
    this.#store.changed();
  }

  upsert(c: Conversation): void {
    const previous = this.#byId.get(c.id);
    const mineOrQueued = c.status === "queued" || c.operator?.id === this.#store.user.id;
    if (!mineOrQueued && this.selectedId !== c.id) {
      this.#byId.delete(c.id);
      this.unread.delete(c.id);
    } else {
      const lastMessage = c.lastMessage ?? previous?.lastMessage;
      this.#byId.set(c.id, { ...previous, ...c, lastMessage, lastSeq: Math.max(c.lastSeq ?? 0, previous?.lastSeq ?? 0) || undefined });
    }
    if (c.status === "closed") this.unread.delete(c.id);
    this.#store.changed();
  }

  async refreshList(): Promise<void> {
    const ack = await this.#store.connection.call("conversations:list", {});
    if (!ack.ok) return;
    const listed = new Set(ack.conversations.map((c) => c.id));
    for (const id of this.#byId.keys()) if (!listed.has(id) && id !== this.selectedId) this.#byId.delete(id);
    for (const c of ack.conversations) this.upsert(c);
  }

  stop(): void {
    if (this.#listRefresh) clearTimeout(this.#listRefresh);
  }

  #upsertOnSuccess(ack: AckOf<"phase:set" | "checklist:check" | "conversation:close">): Ack {
    if (ack.ok) this.upsert(ack.conversation);
    return ack;
  }

  #forget(conversationId: string): void {
    this.#byId.delete(conversationId);
    this.unread.delete(conversationId);
    if (this.selectedId === conversationId) this.selectedId = null;
    this.#store.changed();
  }

  #attention(detail: Attention): void {
    this.#store.dispatchEvent(new CustomEvent<Attention>("attention", { detail }));
  }
}

/** When the visitor started waiting for an answer; chats nobody waits on sort last. */
function waitingSince(c: Conversation): number {
  return c.awaitingReplySince ? Date.parse(c.awaitingReplySince) : Number.MAX_SAFE_INTEGER;
}
