// The messages of each opened chat: the latest page on opening, older pages on scrolling up, what
// was missed after a reconnect or a gap in seq, the operator's own sends and the visitor's typing.
import type { Ack, Message } from "@live-chat/protocol";
import { olderMessages } from "../api.js";
import type { StoreContext } from "./context.js";
import type { Conversations } from "./conversations.js";

export interface Transcript {
  messages: Message[];
  hasOlder: boolean;
  loadingOlder: boolean;
  /** Rises on every change, so the transcript re-renders only when its own messages change. */
  version: number;
}

/** How many messages a transcript page holds; older pages load as the operator scrolls up. */
const PAGE_SIZE = 50;
const TYPING_SHOWN_MS = 6000;

export class Transcripts {
  readonly #byConversation = new Map<string, Transcript>();
  #visitorTypingUntil = new Map<string, number>();

  /** `receive` takes the operator's own sent message where every message arriving goes. */
  readonly #store: StoreContext;
  readonly #conversations: Conversations;
  readonly #receive: (m: Message) => void;

  constructor(store: StoreContext, conversations: Conversations, receive: (m: Message) => void) {
    this.#store = store;
    this.#conversations = conversations;
    this.#receive = receive;
  }

  get(conversationId: string): Transcript | undefined {
    return this.#byConversation.get(conversationId);
  }

  visitorTyping(conversationId: string): boolean {
    return (this.#visitorTypingUntil.get(conversationId) ?? 0) > this.#store.now;
  }

  /** A chat is opened: its latest page loads, once. */
  open(conversationId: string): void {
    if (!this.#byConversation.has(conversationId)) void this.#loadLatest(conversationId);
  }

  async send(conversationId: string, body: string, options: { kind?: "text" | "note"; cannedReplyId?: string; summary?: boolean; attachments?: string[] }): Promise<Ack> {
    const ack = await this.#store.connection.call("message:send", {
      conversationId,
      clientId: crypto.randomUUID(),
      body,
      ...(options.kind === "note" ? { kind: "note" as const } : {}),
      ...(options.cannedReplyId ? { cannedReplyId: options.cannedReplyId } : {}),
      ...(options.summary ? { summary: true } : {}),
      ...(options.attachments?.length ? { attachments: options.attachments } : {}),
    });
    if (ack.ok) this.#receive(ack.message);
    return ack;
  }

  /** One message again, its file links fresh: they expire after 15 minutes, a transcript stays open for hours. */
  async refreshMessage(conversationId: string, seq: number): Promise<Message | undefined> {
    const [fresh] = await olderMessages(this.#store.token, conversationId, seq + 1, 1).catch(() => []);
    if (fresh?.seq === seq) this.#merge(conversationId, [fresh]);
    return fresh?.seq === seq ? fresh : undefined;
  }

  typing(conversationId: string, typing: boolean): void {
    this.#store.connection.signal(conversationId, typing);
  }

  visitorTyped(conversationId: string, typing: boolean): void {
    if (typing) this.#visitorTypingUntil.set(conversationId, Date.now() + TYPING_SHOWN_MS);
    else this.#visitorTypingUntil.delete(conversationId);
    this.#store.changed();
  }

  /** A message in an opened chat takes its place by seq; one that skips a seq fetches what is between. */
  received(m: Message): void {
    const transcript = this.#byConversation.get(m.conversationId);
    if (transcript) {
      const lastSeq = transcript.messages.at(-1)?.seq ?? 0;
      this.#merge(m.conversationId, [m]);
      if (transcript.messages.length > 1 && m.seq > lastSeq + 1) void this.#catchUp(m.conversationId);
    }
    if (m.author.type === "visitor") this.#visitorTypingUntil.delete(m.conversationId);
  }

  /** After a reconnect every opened chat fetches what it missed. */
  catchUpAll(): void {
    for (const id of this.#byConversation.keys()) void this.#catchUp(id);
  }

  async loadOlder(conversationId: string): Promise<void> {
    const transcript = this.#byConversation.get(conversationId);
    if (!transcript || !transcript.hasOlder || transcript.loadingOlder) return;
    const first = transcript.messages[0]?.seq ?? 1;
    transcript.loadingOlder = true;
    this.#touch(conversationId);
    try {
      const page = await olderMessages(this.#store.token, conversationId, first, PAGE_SIZE);
      this.#merge(conversationId, page);
      transcript.hasOlder = page.length > 0 && page[0].seq > 1;
    } catch {
      transcript.hasOlder = true;
    } finally {
      transcript.loadingOlder = false;
      this.#touch(conversationId);
    }
  }

  async #loadLatest(conversationId: string): Promise<void> {
    const transcript: Transcript = { messages: [], hasOlder: false, loadingOlder: true, version: 0 };
    this.#byConversation.set(conversationId, transcript);
    const lastSeq = this.#conversations.get(conversationId)?.lastSeq;
    try {
      const page = await olderMessages(this.#store.token, conversationId, (lastSeq ?? 2 ** 31 - 2) + 1, PAGE_SIZE);
      this.#merge(conversationId, page);
      transcript.hasOlder = page.length > 0 && page[0].seq > 1;
    } catch {
      await this.#catchUp(conversationId);
    }
    transcript.loadingOlder = false;
    this.#touch(conversationId);
  }

  /** Fetches what was missed (after a reconnect or a gap in seq) over the socket. */
  async #catchUp(conversationId: string): Promise<void> {
    const transcript = this.#byConversation.get(conversationId);
    if (!transcript) return;
    const afterSeq = transcript.messages.at(-1)?.seq ?? 0;
    const ack = await this.#store.connection.call("sync", { conversationId, afterSeq });
    if (ack.ok) this.#merge(conversationId, ack.messages);
  }

  #merge(conversationId: string, incoming: Message[]): void {
    const transcript = this.#byConversation.get(conversationId);
    if (!transcript || incoming.length === 0) return;
    const bySeq = new Map(transcript.messages.map((m) => [m.seq, m]));
    for (const m of incoming) bySeq.set(m.seq, m);
    transcript.messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    this.#touch(conversationId);
  }

  #touch(conversationId: string): void {
    const transcript = this.#byConversation.get(conversationId);
    if (transcript) transcript.version += 1;
    this.#store.changed();
  }
}
