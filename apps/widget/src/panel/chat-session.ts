// The visitor's side of the conversation as a Lit reactive controller: the /visitor socket's events
// (opened in visitor-socket.ts), the outbox, history restored with `sync` after every (re)connect, and the live queue/typing state.
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { Ack, Availability, Conversation, Locale, Message, QueueInfo, VisitorServerToClientEvents, WidgetSettings } from "@live-chat/protocol";
import { readStored, writeStored } from "../storage.js";
import { Outbox, loadUploads, newClientId, type OutboxEntry } from "./outbox.js";
import type { PendingFile, UploadFailure } from "./uploads.js";
import { isOutdated, openVisitorSocket, rateLimitedFor, present, request, type AckOf, type PayloadOf, type VisitorSocket } from "./visitor-socket.js";

const TYPING_IDLE_MS = 3_000;
const TYPING_SHOWN_MS = 8_000;

export interface SessionOptions {
  server: string;
  locale: Locale;
  name?: string;
  email?: string;
  identity?: string;
  trackPages?: boolean;
  onSettings: (settings: WidgetSettings) => void;
  /** The visitor was erased (GDPR): the panel starts over, showing nothing of the chat (visitor-socket.ts calls it). */
  onErased: () => void;
}

/** `outdated`: the server speaks a newer protocol; the socket stays down until the page is reloaded. */
/** `limited`: the server refused the handshake for now (too many new chats from this network) and we retry later. */
export type Connection = "connecting" | "online" | "offline" | "outdated" | "limited";

/** What the chat shows for a message of the visitor's that is not acknowledged yet. */
export type PendingMessage = OutboxEntry;

export class ChatSession implements ReactiveController {
  connection: Connection = "connecting";
  availability: Availability | undefined;
  conversation: Conversation | null = null;
  messages: Message[] = [];
  queue: QueueInfo | undefined;
  operatorTyping: string | null = null;
  /** The conversation is over for the visitor: show the rating and the transcript. */
  ended = false;
  /** Pre-chat details the visitor typed; sent with the first message. */
  intro: { name?: string; email?: string } = {};
  /** Texts a closed service refused to start a chat with: the panel moves them into the message form. */
  refusedWhileClosed: string[] = [];
  /** How far each attached file's upload is (0–1), by its key; shown on the pending message. */
  readonly progress = new Map<string, number>();
  /** The visitor opened the chat from an invitation: the chat they start goes to the inviting operator. */
  answersInvitation = false;
  private readonly outbox: Outbox;

  private socket: VisitorSocket | undefined;
  private generation = 0;
  private flushingGeneration = -1;
  private ready = false;
  private typingSent = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private operatorTypingTimer: ReturnType<typeof setTimeout> | undefined;
  private limitedTimer: ReturnType<typeof setTimeout> | undefined;
  /** The conversation id this session last stored; null until it stores one, so the first write always happens. */
  private storedConversation: string | undefined | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SessionOptions,
  ) {
    this.outbox = new Outbox(options.server);
    host.addController(this);
  }

  hostConnected(): void {
    // A reload with a file still waiting: fetch the upload code now, so the resend does not wait for it.
    if (this.outbox.entries().some((e) => e.files?.length)) void loadUploads().catch(() => undefined);
    const socket = openVisitorSocket(this.options);
    this.socket = socket;
    socket.on("session", (s) => void this.onSession(s));
    socket.on("disconnect", () => this.onDisconnect());
    socket.on("connect_error", (err) => {
      const retryAfter = rateLimitedFor(err);
      if (retryAfter !== null) {
        this.connection = "limited";
        clearTimeout(this.limitedTimer);
        // A little jitter, so the widgets of one office do not all come back in the same second.
        this.limitedTimer = setTimeout(() => this.retryNow(), (retryAfter + Math.random() * 5) * 1000);
        this.host.requestUpdate();
        return;
      }
      if (!isOutdated(err)) return;
      this.connection = "outdated";
      this.host.requestUpdate();
    });
    socket.on("message", (m) => {
      if (m.author.type !== "visitor") this.operatorTyping = null;
      this.addMessages([m]);
    });
    socket.on("queue", (q) => {
      // The first position may arrive before the ack of conversation:start: keep it for that chat.
      if (this.conversation && q.conversationId !== this.conversation.id) return;
      this.queue = q;
      this.host.requestUpdate();
    });
    socket.on("conversation:updated", (c) => {
      if (c.id !== this.conversation?.id) return;
      this.setConversation(c);
      this.host.requestUpdate();
    });
    socket.on("typing", (t) => {
      if (t.conversationId !== this.conversation?.id) return;
      clearTimeout(this.operatorTypingTimer);
      this.operatorTyping = t.typing ? t.author.name : null;
      // A lost "stopped typing" must not leave the indicator on for ever.
      if (t.typing) this.operatorTypingTimer = setTimeout(() => this.clearOperatorTyping(), TYPING_SHOWN_MS);
      this.host.requestUpdate();
    });
    socket.on("availability", (a) => {
      this.availability = a;
      this.host.requestUpdate();
    });
    addEventListener("offline", this.onBrowserOffline);
    addEventListener("online", this.onBrowserOnline);
    document.addEventListener("visibilitychange", this.onVisible);
    if (!navigator.onLine) this.onBrowserOffline();
  }

  hostDisconnected(): void {
    removeEventListener("offline", this.onBrowserOffline);
    removeEventListener("online", this.onBrowserOnline);
    document.removeEventListener("visibilitychange", this.onVisible);
    clearTimeout(this.limitedTimer);
    this.socket?.disconnect();
    this.socket = undefined;
    this.generation++;
  }

  /** The browser knows it lost the network before the socket's heartbeat does: queue from now on. */
  private onBrowserOffline = (): void => {
    this.socket?.disconnect();
    this.connection = "offline";
    this.host.requestUpdate();
  };

  private onBrowserOnline = (): void => {
    if (this.connection === "outdated") return;
    this.connection = "connecting";
    this.retryNow();
    this.host.requestUpdate();
  };

  /** A phone tab back in the foreground or a laptop waking up: try now rather than wait out the backoff. */
  private onVisible = (): void => {
    if (document.visibilityState === "visible" && navigator.onLine && this.connection === "connecting") this.retryNow();
  };

  /** Restarting the manager is the one way to cut socket.io's backoff timer short. */
  private retryNow(): void {
    if (!this.socket || this.socket.connected) return;
    this.socket.disconnect();
    this.socket.connect();
  }

  private clearOperatorTyping(): void {
    this.operatorTyping = null;
    this.host.requestUpdate();
  }

  private onDisconnect(): void {
    this.ready = false;
    this.generation++;
    this.connection = navigator.onLine ? "connecting" : "offline";
    this.operatorTyping = null;
    this.typingSent = false;
    this.host.requestUpdate();
  }

  private async onSession(session: Parameters<VisitorServerToClientEvents["session"]>[0]): Promise<void> {
    const { server } = this.options;
    writeStored(server, "token", session.visitorToken);
    this.availability = session.availability;
    if (session.widget) this.options.onSettings(session.widget);
    const known = this.conversation;
    // A chat the visitor ended may stay open for the operator to wrap up; for the visitor it is over.
    const open = session.conversation?.id === readStored<string>(server, "left") ? null : session.conversation;
    if (open) {
      if (known?.id !== open.id) {
        this.messages = [];
        this.ended = false;
      }
      this.setConversation(open);
    } else {
      this.storeConversation(undefined);
      // It was closed while we were away: keep what is on screen and offer the rating.
      if (known) this.ended = true;
    }
    this.connection = "online";
    this.ready = true;
    this.host.requestUpdate();
    await this.sync();
    await this.flush();
  }

  private setConversation(c: Conversation): void {
    this.conversation = c;
    if (c.status !== "queued") this.queue = undefined;
    else if (c.queuePosition !== undefined && this.queue?.conversationId !== c.id)
      this.queue = { conversationId: c.id, position: c.queuePosition, estimatedWaitSeconds: this.availability?.estimatedWaitSeconds ?? 0 };
    if (c.status === "closed") this.ended = true;
    this.storeConversation(this.ended ? undefined : c.id);
  }

  /** Writes only on a change: conversation updates arrive often and mostly leave the id as it is. */
  private storeConversation(id: string | undefined): void {
    if (id === this.storedConversation) return;
    this.storedConversation = id;
    writeStored(this.options.server, "conversation", id);
  }

  lastSeq(): number {
    return this.messages.length ? this.messages[this.messages.length - 1].seq : 0;
  }

  private async sync(): Promise<void> {
    const c = this.conversation;
    if (!c) return;
    const ack = await request(this.socket, "sync", { conversationId: c.id, afterSeq: this.lastSeq() });
    if (ack?.ok) this.addMessages(ack.messages);
  }

  /** Opens a file whose link has expired: the message again from the server, with links that work now. */
  async openFresh(messageId: string, attachmentId: string): Promise<void> {
    const c = this.conversation;
    const m = this.messages.find((k) => k.id === messageId);
    if (!c || !m) return;
    const ack = await request(this.socket, "sync", { conversationId: c.id, afterSeq: m.seq - 1 });
    const fresh = ack?.ok ? ack.messages.find((k) => k.id === messageId) : undefined;
    const a = fresh?.attachments?.find((k) => k.id === attachmentId);
    if (!fresh || !a) return;
    this.messages = this.messages.map((k) => (k.id === messageId ? fresh : k));
    this.host.requestUpdate();
    window.open(new URL(a.url, this.options.server).href, "_blank", "noopener");
  }

  /** Adds messages of the current conversation in seq order, once each (seq has holes where notes were). */
  private addMessages(list: Message[]): void {
    const c = this.conversation;
    if (!c) return;
    const incoming = list.filter((m) => m.conversationId === c.id && m.kind !== "note" && !this.messages.some((k) => k.id === m.id));
    if (!incoming.length) return;
    this.messages = [...this.messages, ...incoming].sort((a, b) => a.seq - b.seq);
    const delivered = new Set(incoming.flatMap((m) => (m.clientId ? [m.clientId] : [])));
    if (delivered.size) this.forget(this.outbox.remove(delivered));
    this.host.requestUpdate();
  }

  /** Visitor's own messages, waiting or failed, that are not in the history yet. */
  pending(): PendingMessage[] {
    const delivered = new Set(this.messages.map((m) => m.clientId));
    return this.outbox.entries().filter((e) => !delivered.has(e.clientId));
  }

  /** Queues text, files or both; the files' bytes are kept before the entry exists, so a reload finds them. */
  async send(body: string, files: File[] = []): Promise<void> {
    const text = body.trim();
    if (!text && !files.length) return;
    const pendingFiles: PendingFile[] = [];
    // Files reach here only after the composer held them, which already fetched the upload code.
    const uploads = files.length ? await loadUploads() : undefined;
    for (const file of files) {
      const kept = { key: newClientId(), name: file.name || "image.png", size: file.size };
      await uploads?.keepFile(kept.key, file);
      pendingFiles.push(kept);
    }
    this.outbox.add(text, pendingFiles);
    this.setTyping(false);
    this.host.requestUpdate();
    void this.flush();
  }

  retry(clientId: string): void {
    this.outbox.update(clientId, { state: "pending", error: undefined });
    this.host.requestUpdate();
    void this.flush();
  }

  /** The visitor gives up on a message that was not sent (a file refused for its size or type). */
  discard(clientId: string): void {
    this.forget(this.outbox.remove(new Set([clientId])));
    this.host.requestUpdate();
  }

  private forget(entries: OutboxEntry[]): void {
    const keys = entries.flatMap((e) => e.files?.map((f) => f.key) ?? []);
    if (keys.length) void loadUploads().then((u) => u.dropFiles(keys), () => undefined);
  }

  /** Uploads what is not on the server yet, remembering each id, so a retry after a reload uploads nothing twice. */
  private async uploadFiles(entry: OutboxEntry): Promise<string[]> {
    const files = entry.files ?? [];
    const token = readStored<string>(this.options.server, "token");
    for (const file of files) {
      if (file.id) continue;
      const { keptFile, upload } = await loadUploads();
      const blob = await keptFile(file.key);
      if (!blob || !token) throw { message: "", retry: false } satisfies UploadFailure;
      const attachment = await upload(this.options.server, token, file, blob, this.options.locale, (fraction) => {
        this.progress.set(file.key, fraction);
        this.host.requestUpdate();
      });
      file.id = attachment.id;
      this.outbox.update(entry.clientId, { files });
    }
    return files.map((f) => f.id!);
  }

  /** Sends the outbox in order, one at a time; a dropped connection stops it until the next session. */
  private async flush(): Promise<void> {
    const generation = this.generation;
    if (!this.ready || this.flushingGeneration === generation) return;
    this.flushingGeneration = generation;
    try {
      for (;;) {
        const entry = this.pending().find((e) => e.state === "pending");
        if (!entry || generation !== this.generation) return;
        let ids: string[];
        try {
          ids = await this.uploadFiles(entry);
        } catch (err) {
          const failure = err as UploadFailure;
          // The network went mid-upload: the entry stays pending and goes again with the next session.
          if (failure.retry && (generation !== this.generation || !navigator.onLine)) return;
          this.outbox.update(entry.clientId, { state: "failed", error: failure.message });
          this.host.requestUpdate();
          continue;
        }
        const ack = await this.deliver(entry, ids);
        // Dropped mid-way: the same clientId goes again after the reconnect, and is stored once.
        if (generation !== this.generation) return;
        if (ack && !ack.ok && ack.error.code === "CLOSED" && !this.conversation) {
          // Closed for the day: nothing was stored, and what was typed goes into the message form.
          const refused = this.pending();
          this.refusedWhileClosed.push(...refused.map((e) => e.body));
          this.forget(this.outbox.remove(new Set(refused.map((e) => e.clientId))));
          if (this.availability) this.availability = { ...this.availability, open: false };
          this.host.requestUpdate();
          return;
        }
        if (!ack?.ok) this.outbox.update(entry.clientId, { state: "failed" });
        if (ack && !ack.ok && ack.error.code === "CONVERSATION_CLOSED") this.ended = true;
        this.host.requestUpdate();
      }
    } finally {
      if (this.flushingGeneration === generation) this.flushingGeneration = -1;
    }
  }

  private async deliver(entry: OutboxEntry, attachments: string[]): Promise<Ack | null> {
    const c = this.conversation;
    if (c && !this.ended) {
      const ack = await request(this.socket, "message:send", { conversationId: c.id, clientId: entry.clientId, body: entry.body, ...(attachments.length ? { attachments } : {}) });
      if (ack?.ok) this.addMessages([ack.message]);
      return ack;
    }
    // A first message with files opens the chat empty, then goes in as any other message would.
    const withFiles = attachments.length > 0;
    const ack = await request(this.socket, "conversation:start", {
      ...(withFiles ? {} : { body: entry.body, clientId: entry.clientId }),
      name: present(this.intro.name ?? this.options.name),
      email: present(this.intro.email ?? this.options.email),
      ...(this.answersInvitation ? { invitation: true } : {}),
    });
    if (ack?.ok) {
      this.messages = [];
      this.ended = false;
      writeStored(this.options.server, "left");
      this.setConversation(ack.conversation);
      await this.sync();
      if (withFiles) return this.deliver(entry, attachments);
    }
    return ack;
  }

  setTyping(typing: boolean): void {
    clearTimeout(this.typingTimer);
    if (typing) this.typingTimer = setTimeout(() => this.setTyping(false), TYPING_IDLE_MS);
    const c = this.conversation;
    if (!c || this.ended || typing === this.typingSent || !this.socket?.connected) return;
    this.typingSent = typing;
    this.socket.emit("typing", { conversationId: c.id, typing });
  }

  async leave(): Promise<boolean> {
    const c = this.conversation;
    if (!c) return false;
    const ack = await request(this.socket, "conversation:leave", { conversationId: c.id });
    if (!ack?.ok) return false;
    this.ended = true;
    this.operatorTyping = null;
    this.storeConversation(undefined);
    writeStored(this.options.server, "left", c.id);
    this.host.requestUpdate();
    return true;
  }

  async rate(score: number, comment: string): Promise<boolean> {
    const c = this.conversation;
    if (!c) return false;
    const ack = await request(this.socket, "rating", { conversationId: c.id, score, comment: present(comment) });
    return ack?.ok === true;
  }

  /** Has the transcript of this chat mailed to `email`: the server's refusal, if any, in the visitor's language. */
  async emailTranscript(email: string): Promise<Ack | null> {
    const c = this.conversation;
    if (!c) return null;
    return request(this.socket, "transcript:email", { conversationId: c.id, email });
  }

  async answerSummary(messageId: string, answer: "yes" | "no"): Promise<boolean> {
    const c = this.conversation;
    if (!c) return false;
    const ack = await request(this.socket, "summary:answer", { conversationId: c.id, messageId, answer });
    if (ack?.ok) {
      this.messages = this.messages.map((m) => (m.id === messageId ? { ...m, meta: { ...m.meta, summaryAnswer: answer } } : m));
      this.setConversation(ack.conversation);
    }
    this.host.requestUpdate();
    await this.sync();
    return ack?.ok === true;
  }

  sendOffline(fields: PayloadOf<"offline:message">): Promise<AckOf<"offline:message"> | null> {
    return request(this.socket, "offline:message", fields);
  }

  /** Seconds the visitor can expect to wait: their place in the queue, or a chat started now. */
  expectedWaitSeconds(): number | undefined {
    const c = this.conversation;
    if (this.ended) return undefined;
    if (!c) return this.availability?.estimatedWaitSeconds;
    return c.status === "queued" ? this.queue?.estimatedWaitSeconds : undefined;
  }

  startOver(): void {
    this.conversation = null;
    this.messages = [];
    this.queue = undefined;
    this.ended = false;
    this.intro = {};
    this.storeConversation(undefined);
    this.host.requestUpdate();
  }
}
