// The inbox's state, one module per domain (connection, conversations, transcripts, work lists)
// composed here. Components read the modules and call their actions; every change raises one
// coalesced "change" event, which they follow through the StoreController.
import type { Locale, Message, User } from "@live-chat/protocol";
import { Connection } from "./connection.js";
import type { StoreContext } from "./context.js";
import { Conversations } from "./conversations.js";
import { listen } from "./listeners.js";
import { Outbox } from "./outbox.js";
import { Transcripts } from "./transcripts.js";
import { WorkLists } from "./work-lists.js";
import { LiveVisitorList } from "./live-visitors.js";

export type { Attention } from "./conversations.js";
export type { Transcript } from "./transcripts.js";
export type { PendingSend } from "./outbox.js";

export class InboxStore extends EventTarget implements StoreContext {
  now = Date.now();
  /** Goes up whenever an admin changes the canned replies: lists fetched before are stale. */
  cannedRepliesVersion = 0;
  readonly connection: Connection;
  readonly conversations: Conversations;
  readonly transcripts: Transcripts;
  readonly outbox: Outbox;
  readonly workLists: WorkLists;
  readonly liveVisitors: LiveVisitorList;
  #changeQueued = false;
  #clock: ReturnType<typeof setInterval> | null = null;

  constructor(
    readonly token: string,
    readonly user: User,
    public locale: Locale,
  ) {
    super();
    this.connection = new Connection(this);
    this.conversations = new Conversations(this, (id) => {
      this.transcripts.open(id);
      this.workLists.openChat(id);
    });
    this.transcripts = new Transcripts(this, this.conversations, (m) => this.receive(m));
    this.outbox = new Outbox(this, (conversationId, clientId, body, options) => this.transcripts.send(conversationId, clientId, body, options));
    this.workLists = new WorkLists(this);
    this.liveVisitors = new LiveVisitorList(this);
  }

  connect(): void {
    listen(this.connection.open(), this);
    this.#clock = setInterval(() => {
      this.now = Date.now();
      this.changed();
    }, 1000);
  }

  disconnect(): void {
    if (this.#clock) clearInterval(this.#clock);
    this.conversations.stop();
    this.liveVisitors.stop();
    this.connection.close();
  }

  /** A message pushed, or the ack of one sent here: its transcript and its chat's list row follow it. */
  receive(m: Message): void {
    this.transcripts.received(m);
    this.conversations.received(m);
    this.changed();
  }

  changed(): void {
    if (this.#changeQueued) return;
    this.#changeQueued = true;
    queueMicrotask(() => {
      this.#changeQueued = false;
      this.dispatchEvent(new Event("change"));
    });
  }
}
