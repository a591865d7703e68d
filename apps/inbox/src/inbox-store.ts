// The inbox's state and its one /operator socket. Components read it and call its actions;
// every change raises one coalesced "change" event.
import { io, type Socket } from "socket.io-client";
import {
  ERROR_MESSAGES,
  type Ack,
  type ChecklistItem,
  type Conversation,
  type ErrorBody,
  type FollowUp,
  type Locale,
  type Message,
  type OfflineMessage,
  type OperatorClientToServerEvents,
  type OperatorServerToClientEvents,
  type Phase,
  type Presence,
  type User,
} from "@live-chat/protocol";
import {
  conversationFollowUps,
  followUps as teamFollowUps,
  markFollowUpDone,
  markOfflineHandled,
  offlineMessages,
  olderMessages,
  promiseFollowUp,
  type FollowUpInput,
} from "./api.js";

type OperatorSocket = Socket<OperatorServerToClientEvents, OperatorClientToServerEvents>;
type Events = OperatorClientToServerEvents;
type AckOf<E extends keyof Events> = Parameters<NonNullable<Parameters<Events[E]>[1]>>[0];
type Colleague = Extract<AckOf<"operators:list">, { ok: true }>["operators"][number];

export interface Transcript {
  messages: Message[];
  hasOlder: boolean;
  loadingOlder: boolean;
  /** Rises on every change, so the transcript re-renders only when its own messages change. */
  version: number;
}

export interface Attention {
  kind: "new-chat" | "new-message";
  conversation: Conversation;
  message?: Message;
}

/** How many messages a transcript page holds; older pages load as the operator scrolls up. */
const PAGE_SIZE = 50;
const TYPING_SHOWN_MS = 6000;
const ACK_TIMEOUT_MS = 10_000;

export class InboxStore extends EventTarget {
  socket: OperatorSocket | null = null;
  connected = false;
  /** True once a connection dropped or was refused, until it is back. */
  connectionLost = false;
  presence: Presence;
  conversations = new Map<string, Conversation>();
  transcripts = new Map<string, Transcript>();
  unread = new Map<string, number>();
  queue = { waiting: 0, oldestWaitSeconds: 0 };
  selectedId: string | null = null;
  now = Date.now();
  /** Messages left while nobody was available, newest first; null until first loaded. */
  offline: OfflineMessage[] | null = null;
  /** Why the offline messages could not be loaded (an ApiError), until a load succeeds. */
  offlineError: unknown = null;
  /** The team's open follow-ups, plus those marked done while this inbox was open; null until first loaded. */
  followUps: FollowUp[] | null = null;
  /** Why the follow-ups could not be loaded (an ApiError), until a load succeeds. */
  followUpsError: unknown = null;
  /** Goes up whenever an admin changes the canned replies: lists fetched before are stale. */
  cannedRepliesVersion = 0;
  /** Each opened chat's follow-ups, open and done, by due time. */
  chatFollowUps = new Map<string, FollowUp[]>();
  /** The language stored on the account; the server reads it when a socket connects. */
  accountLocale: Locale;
  /** The language this socket's errors come in: the account's when it connected. */
  private socketLocale: Locale;
  private visitorTypingUntil = new Map<string, number>();
  private seenSeq = new Map<string, number>();
  private changeQueued = false;
  private clock: ReturnType<typeof setInterval> | null = null;
  private listRefresh: ReturnType<typeof setTimeout> | null = null;
  private offlineLoading = false;
  /** Offline messages pushed or changed here while a load is under way; they win over its (older) answer. */
  private offlineSinceLoad = new Map<string, OfflineMessage>();
  private followUpsLoading = false;
  /** Follow-ups pushed while the list loads; they win over its (older) answer. */
  private followUpsSinceLoad = new Map<string, FollowUp>();
  /** Per chat whose follow-ups are loading: those pushed meanwhile, which win over the answer. */
  private chatFollowUpsSinceLoad = new Map<string, Map<string, FollowUp>>();

  constructor(
    readonly token: string,
    readonly user: User,
    public locale: Locale,
  ) {
    super();
    this.presence = user.presence ?? "offline";
    this.accountLocale = this.socketLocale = user.locale ?? locale;
  }

  connect(): void {
    const socket: OperatorSocket = io(`${location.origin}/operator`, { auth: { token: this.token } });
    this.socket = socket;
    socket.on("connect", () => {
      this.socketLocale = this.accountLocale;
      this.connected = true;
      this.connectionLost = false;
      void this.refreshList();
      void this.loadOffline();
      void this.loadFollowUps();
      for (const id of this.chatFollowUps.keys()) void this.loadChatFollowUps(id);
      for (const id of this.transcripts.keys()) void this.catchUp(id);
      this.changed();
    });
    socket.on("disconnect", () => {
      this.connected = false;
      this.connectionLost = true;
      this.changed();
    });
    socket.on("connect_error", () => {
      this.connected = false;
      this.connectionLost = true;
      // A refusal by the server's auth check stops socket.io from retrying: the session is over.
      if (!socket.active) this.dispatchEvent(new CustomEvent("session-ended"));
      this.changed();
    });
    socket.on("conversation:assigned", (c) => {
      const isNew = this.conversations.get(c.id)?.operator?.id !== this.user.id;
      this.upsert(c);
      if (isNew && this.selectedId !== c.id) this.unread.set(c.id, Math.max(1, this.unread.get(c.id) ?? 0));
      if (isNew) this.attention({ kind: "new-chat", conversation: c });
    });
    socket.on("conversation:updated", (c) => this.upsert(c));
    socket.on("message", (m) => this.receive(m));
    socket.on("queue:updated", (q) => {
      this.queue = q;
      this.scheduleListRefresh();
      this.changed();
    });
    socket.on("typing", (t) => {
      if (t.typing) this.visitorTypingUntil.set(t.conversationId, Date.now() + TYPING_SHOWN_MS);
      else this.visitorTypingUntil.delete(t.conversationId);
      this.changed();
    });
    socket.on("presence:updated", (p) => {
      this.presence = p.status;
      this.changed();
    });
    socket.on("session:ended", () => this.dispatchEvent(new CustomEvent("session-ended")));
    socket.on("offline:new", (m) => this.putOffline(m));
    // Handled (or reopened) by anyone: every inbox shows it at once.
    socket.on("offline:updated", (m) => this.putOffline(m));
    socket.on("followup:updated", (f) => this.putFollowUp(f));
    socket.on("cannedReplies:changed", () => {
      this.cannedRepliesVersion++;
      this.changed();
    });
    this.clock = setInterval(() => {
      this.now = Date.now();
      this.changed();
    }, 1000);
  }

  disconnect(): void {
    if (this.clock) clearInterval(this.clock);
    if (this.listRefresh) clearTimeout(this.listRefresh);
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  // ---- what the views read ----

  get mine(): Conversation[] {
    return [...this.conversations.values()]
      .filter((c) => c.operator?.id === this.user.id && c.status !== "closed" && c.status !== "queued")
      .sort((a, b) => waitingSince(a) - waitingSince(b));
  }

  get queued(): Conversation[] {
    return [...this.conversations.values()].filter((c) => c.status === "queued").sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  }

  get selected(): Conversation | undefined {
    return this.selectedId ? this.conversations.get(this.selectedId) : undefined;
  }

  get unreadTotal(): number {
    let total = 0;
    for (const n of this.unread.values()) total += n;
    return total;
  }

  /** The offline messages nobody has handled yet. */
  get offlineOpen(): OfflineMessage[] {
    return (this.offline ?? []).filter((m) => !m.handledAt);
  }

  /** How many unhandled offline messages are past the time their answer was promised. */
  get offlineOverdue(): number {
    return this.offlineOpen.filter((m) => Date.parse(m.dueAt) < this.now).length;
  }

  /** The team's follow-ups nobody has marked done, the first due first. */
  get followUpsOpen(): FollowUp[] {
    return (this.followUps ?? []).filter((f) => !f.doneAt);
  }

  /** How many open follow-ups are past the time they were promised by. */
  get followUpsOverdue(): number {
    return this.followUpsOpen.filter((f) => Date.parse(f.dueAt) < this.now).length;
  }

  visitorTyping(conversationId: string): boolean {
    return (this.visitorTypingUntil.get(conversationId) ?? 0) > this.now;
  }

  // ---- actions ----

  select(id: string | null): void {
    this.selectedId = id;
    if (id) {
      this.unread.delete(id);
      if (!this.transcripts.has(id)) void this.loadLatest(id);
      if (!this.chatFollowUps.has(id)) void this.loadChatFollowUps(id);
    }
    this.changed();
  }

  markSeen(): void {
    if (this.selectedId && this.unread.delete(this.selectedId)) this.changed();
  }

  async setPresence(status: Presence): Promise<Ack> {
    const ack = await this.call("presence:set", { status });
    if (ack.ok) this.presence = status;
    this.changed();
    return ack;
  }

  async claim(conversationId: string): Promise<Ack> {
    const ack = await this.call("conversation:claim", { conversationId });
    if (ack.ok) {
      this.upsert(ack.conversation);
      this.select(ack.conversation.id);
    }
    return ack;
  }

  async send(conversationId: string, body: string, options: { kind?: "text" | "note"; cannedReplyId?: string; summary?: boolean }): Promise<Ack> {
    const ack = await this.call("message:send", {
      conversationId,
      clientId: crypto.randomUUID(),
      body,
      ...(options.kind === "note" ? { kind: "note" as const } : {}),
      ...(options.cannedReplyId ? { cannedReplyId: options.cannedReplyId } : {}),
      ...(options.summary ? { summary: true } : {}),
    });
    if (ack.ok) this.receive(ack.message);
    return ack;
  }

  typing(conversationId: string, typing: boolean): void {
    if (this.socket?.connected) this.socket.emit("typing", { conversationId, typing });
  }

  async setPhase(conversationId: string, phase: Phase): Promise<Ack> {
    const ack = await this.call("phase:set", { conversationId, phase });
    if (ack.ok) this.upsert(ack.conversation);
    return ack;
  }

  async check(conversationId: string, item: ChecklistItem): Promise<Ack> {
    const ack = await this.call("checklist:check", { conversationId, item });
    if (ack.ok) this.upsert(ack.conversation);
    return ack;
  }

  async colleagues(): Promise<Colleague[]> {
    const ack = await this.call("operators:list", {});
    return ack.ok ? ack.operators.filter((o) => o.id !== this.user.id) : [];
  }

  async transfer(conversationId: string, toOperatorId: string, note: string): Promise<Ack> {
    const ack = await this.call("conversation:transfer", { conversationId, toOperatorId, ...(note.trim() ? { note: note.trim() } : {}) });
    if (ack.ok) this.forget(conversationId);
    return ack;
  }

  async close(conversationId: string, reason?: string): Promise<Ack> {
    const ack = await this.call("conversation:close", { conversationId, ...(reason ? { reason } : {}) });
    if (ack.ok) this.upsert(ack.conversation);
    return ack;
  }

  /** Marks an offline message handled; throws the server's refusal for the view to show. */
  async markOfflineHandled(id: string): Promise<void> {
    this.putOffline(await markOfflineHandled(this.token, id));
  }

  /** Records a promise made in the chat; throws the server's refusal (an ApiError naming the field) for the form. */
  async promiseFollowUp(conversationId: string, input: FollowUpInput): Promise<FollowUp> {
    const followUp = await promiseFollowUp(this.token, conversationId, input);
    this.putFollowUp(followUp);
    return followUp;
  }

  /** Marks a follow-up done (or open again); throws the server's refusal for the view to show. */
  async markFollowUpDone(id: string, done: boolean): Promise<void> {
    this.putFollowUp(await markFollowUpDone(this.token, id, done));
  }

  async loadFollowUps(): Promise<void> {
    if (this.followUpsLoading) return;
    this.followUpsLoading = true;
    this.followUpsSinceLoad.clear();
    try {
      const byId = new Map((await teamFollowUps(this.token, "open")).map((f) => [f.id, f]));
      for (const f of this.followUpsSinceLoad.values()) byId.set(f.id, f);
      this.followUps = byDueTime([...byId.values()]);
      this.followUpsError = null;
    } catch (err) {
      this.followUpsError = err;
    } finally {
      this.followUpsLoading = false;
      this.changed();
    }
  }

  async loadOffline(): Promise<void> {
    if (this.offlineLoading) return;
    this.offlineLoading = true;
    this.offlineSinceLoad.clear();
    try {
      const byId = new Map((await offlineMessages(this.token)).map((m) => [m.id, m]));
      for (const m of this.offlineSinceLoad.values()) byId.set(m.id, m);
      this.offline = newestFirst([...byId.values()]);
      this.offlineError = null;
    } catch (err) {
      this.offlineError = err;
    } finally {
      this.offlineLoading = false;
      this.changed();
    }
  }

  async loadOlder(conversationId: string): Promise<void> {
    const transcript = this.transcripts.get(conversationId);
    if (!transcript || !transcript.hasOlder || transcript.loadingOlder) return;
    const first = transcript.messages[0]?.seq ?? 1;
    transcript.loadingOlder = true;
    this.touch(conversationId);
    try {
      const page = await olderMessages(this.token, conversationId, first, PAGE_SIZE);
      this.merge(conversationId, page);
      transcript.hasOlder = page.length > 0 && page[0].seq > 1;
    } catch {
      transcript.hasOlder = true;
    } finally {
      transcript.loadingOlder = false;
      this.touch(conversationId);
    }
  }

  /** The error to show for a failed ack: the server's words when they are in the operator's language, else ours. */
  errorText(error: ErrorBody): string {
    const ours = (ERROR_MESSAGES[error.code] as Record<Locale, string> | undefined)?.[this.locale];
    if (error.message && this.socketLocale === this.locale) return error.message;
    return ours || error.message;
  }

  // ---- internals ----

  private async loadLatest(conversationId: string): Promise<void> {
    const transcript: Transcript = { messages: [], hasOlder: false, loadingOlder: true, version: 0 };
    this.transcripts.set(conversationId, transcript);
    const lastSeq = this.conversations.get(conversationId)?.lastSeq;
    try {
      const page = await olderMessages(this.token, conversationId, (lastSeq ?? 2 ** 31 - 2) + 1, PAGE_SIZE);
      this.merge(conversationId, page);
      transcript.hasOlder = page.length > 0 && page[0].seq > 1;
    } catch {
      await this.catchUp(conversationId);
    }
    transcript.loadingOlder = false;
    this.touch(conversationId);
  }

  /** Fetches what was missed (after a reconnect or a gap in seq) over the socket. */
  private async catchUp(conversationId: string): Promise<void> {
    const transcript = this.transcripts.get(conversationId);
    if (!transcript) return;
    const afterSeq = transcript.messages.at(-1)?.seq ?? 0;
    const ack = await this.call("sync", { conversationId, afterSeq });
    if (ack.ok) this.merge(conversationId, ack.messages);
  }

  private receive(m: Message): void {
    const c = this.conversations.get(m.conversationId);
    const transcript = this.transcripts.get(m.conversationId);
    if (transcript) {
      const lastSeq = transcript.messages.at(-1)?.seq ?? 0;
      this.merge(m.conversationId, [m]);
      if (transcript.messages.length > 1 && m.seq > lastSeq + 1) void this.catchUp(m.conversationId);
    }
    if (!c) return;
    // A message arrives twice when it is one's own (ack and broadcast); only the first counts.
    const fresh = (this.seenSeq.get(c.id) ?? 0) < m.seq;
    if (fresh) {
      this.seenSeq.set(c.id, m.seq);
      const next: Conversation = { ...c, lastSeq: Math.max(m.seq, c.lastSeq ?? 0) };
      if (m.kind === "text") next.lastMessage = { body: m.body, kind: m.kind, createdAt: m.createdAt, author: m.author };
      if (m.author.type === "visitor") {
        next.awaitingReplySince = c.awaitingReplySince ?? m.createdAt;
        next.lastVisitorMessageAt = m.createdAt;
      } else if (m.author.type === "operator" && m.kind === "text") {
        next.awaitingReplySince = undefined;
      }
      this.conversations.set(c.id, next);
    }
    if (m.author.type === "visitor") {
      this.visitorTypingUntil.delete(m.conversationId);
      if (fresh && (this.selectedId !== m.conversationId || document.hidden)) this.unread.set(m.conversationId, (this.unread.get(m.conversationId) ?? 0) + 1);
      if (fresh) this.attention({ kind: "new-message", conversation: c, message: m });
    }
    this.changed();
  }

  /** A new offline message, or a changed one: added to the list or put in its place. */
  private putOffline(m: OfflineMessage): void {
    if (this.offlineLoading) this.offlineSinceLoad.set(m.id, m);
    if (this.offline) this.offline = newestFirst([...this.offline.filter((o) => o.id !== m.id), m]);
    this.changed();
  }

  /** A new or changed follow-up: put in the team's list and in its chat's, if that one is loaded. */
  private putFollowUp(f: FollowUp): void {
    if (this.followUpsLoading) this.followUpsSinceLoad.set(f.id, f);
    if (this.followUps) this.followUps = byDueTime([...this.followUps.filter((o) => o.id !== f.id), f]);
    this.chatFollowUpsSinceLoad.get(f.conversationId)?.set(f.id, f);
    const chat = this.chatFollowUps.get(f.conversationId);
    if (chat) this.chatFollowUps.set(f.conversationId, byDueTime([...chat.filter((o) => o.id !== f.id), f]));
    this.changed();
  }

  private async loadChatFollowUps(conversationId: string): Promise<void> {
    if (this.chatFollowUpsSinceLoad.has(conversationId)) return;
    const sinceLoad = new Map<string, FollowUp>();
    this.chatFollowUpsSinceLoad.set(conversationId, sinceLoad);
    if (!this.chatFollowUps.has(conversationId)) this.chatFollowUps.set(conversationId, []);
    try {
      const byId = new Map((await conversationFollowUps(this.token, conversationId)).map((f) => [f.id, f]));
      for (const f of sinceLoad.values()) byId.set(f.id, f);
      this.chatFollowUps.set(conversationId, byDueTime([...byId.values()]));
    } catch {
      // Not known yet: opening the chat again, or the next reconnect, tries again.
      if (this.chatFollowUps.get(conversationId)?.length === 0) this.chatFollowUps.delete(conversationId);
    } finally {
      this.chatFollowUpsSinceLoad.delete(conversationId);
      this.changed();
    }
  }

  private merge(conversationId: string, incoming: Message[]): void {
    const transcript = this.transcripts.get(conversationId);
    if (!transcript || incoming.length === 0) return;
    const bySeq = new Map(transcript.messages.map((m) => [m.seq, m]));
    for (const m of incoming) bySeq.set(m.seq, m);
    transcript.messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    this.touch(conversationId);
  }

  private upsert(c: Conversation): void {
    const previous = this.conversations.get(c.id);
    const mineOrQueued = c.status === "queued" || c.operator?.id === this.user.id;
    if (!mineOrQueued && this.selectedId !== c.id) {
      this.conversations.delete(c.id);
      this.unread.delete(c.id);
    } else {
      const lastMessage = c.lastMessage ?? previous?.lastMessage;
      this.conversations.set(c.id, { ...previous, ...c, lastMessage, lastSeq: Math.max(c.lastSeq ?? 0, previous?.lastSeq ?? 0) || undefined });
    }
    if (c.status === "closed") this.unread.delete(c.id);
    this.changed();
  }

  private forget(conversationId: string): void {
    this.conversations.delete(conversationId);
    this.unread.delete(conversationId);
    if (this.selectedId === conversationId) this.selectedId = null;
    this.changed();
  }

  private async refreshList(): Promise<void> {
    const ack = await this.call("conversations:list", {});
    if (!ack.ok) return;
    const listed = new Set(ack.conversations.map((c) => c.id));
    for (const id of this.conversations.keys()) if (!listed.has(id) && id !== this.selectedId) this.conversations.delete(id);
    for (const c of ack.conversations) this.upsert(c);
  }

  private scheduleListRefresh(): void {
    if (this.listRefresh) clearTimeout(this.listRefresh);
    this.listRefresh = setTimeout(() => void this.refreshList(), 250);
  }

  private async call<E extends keyof Events>(event: E, payload: Parameters<Events[E]>[0]): Promise<AckOf<E>> {
    const offline = { ok: false as const, error: { code: "INTERNAL" as const, message: "" } };
    const socket = this.socket;
    if (!socket) return offline as AckOf<E>;
    try {
      // An action taken while the socket is still (re)connecting waits for it rather than failing.
      if (!socket.connected) await connected(socket);
      const emitter = socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(event: string, payload: unknown): Promise<AckOf<E>> };
      return await emitter.emitWithAck(event, payload);
    } catch {
      return offline as AckOf<E>;
    }
  }

  private attention(detail: Attention): void {
    this.dispatchEvent(new CustomEvent<Attention>("attention", { detail }));
  }

  private touch(conversationId: string): void {
    const transcript = this.transcripts.get(conversationId);
    if (transcript) transcript.version += 1;
    this.changed();
  }

  private changed(): void {
    if (this.changeQueued) return;
    this.changeQueued = true;
    queueMicrotask(() => {
      this.changeQueued = false;
      this.dispatchEvent(new Event("change"));
    });
  }
}

function connected(socket: OperatorSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off("connect", onConnect);
      reject(new Error("not connected"));
    }, ACK_TIMEOUT_MS);
    const onConnect = () => {
      clearTimeout(timer);
      resolve();
    };
    socket.once("connect", onConnect);
  });
}

function newestFirst(messages: OfflineMessage[]): OfflineMessage[] {
  return messages.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/** Open ones first, each group in order of when it is due. */
function byDueTime(list: FollowUp[]): FollowUp[] {
  return list.sort((a, b) => Number(Boolean(a.doneAt)) - Number(Boolean(b.doneAt)) || Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/** When the visitor started waiting for an answer; chats nobody waits on sort last. */
function waitingSince(c: Conversation): number {
  return c.awaitingReplySince ? Date.parse(c.awaitingReplySince) : Number.MAX_SAFE_INTEGER;
}
