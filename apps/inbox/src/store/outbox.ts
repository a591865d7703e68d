// The operator's sends that are not acknowledged yet: each its own pending message with its own
// retry, never merged back into the reply box. They go out one at a time, in the order written,
// each under one clientId (a retry cannot store it twice); after a reconnect the ones the lost
// connection held up go out by themselves.
import type { Ack, ErrorBody } from "@live-chat/protocol";
import type { StoreContext } from "./context.js";

export interface SendOptions {
  kind?: "text" | "note";
  cannedReplyId?: string;
  summary?: boolean;
  /** Ids from POST /api/files, uploaded before the message was queued. */
  attachments?: string[];
}

export interface PendingSend {
  clientId: string;
  conversationId: string;
  body: string;
  options: SendOptions;
  state: "sending" | "failed";
  /** Why the last try failed; `CONNECTION_LOST` ones are sent again on reconnect. */
  error?: ErrorBody;
}

type Deliver = (conversationId: string, clientId: string, body: string, options: SendOptions) => Promise<Ack>;

export class Outbox {
  #pending: PendingSend[] = [];
  /** Sends run one after another, so the visitor reads them in the order the operator wrote them. */
  #queue: Promise<unknown> = Promise.resolve();
  readonly #store: StoreContext;
  readonly #deliver: Deliver;

  constructor(store: StoreContext, deliver: Deliver) {
    this.#store = store;
    this.#deliver = deliver;
  }

  /** This chat's pending sends, oldest first. */
  for(conversationId: string): readonly PendingSend[] {
    return this.#pending.filter((p) => p.conversationId === conversationId);
  }

  /** Queues a new message; resolves with its ack once it was tried. */
  send(conversationId: string, body: string, options: SendOptions): Promise<Ack> {
    const pending: PendingSend = { clientId: crypto.randomUUID(), conversationId, body, options, state: "sending" };
    this.#pending.push(pending);
    this.#store.changed();
    return this.#attempt(pending);
  }

  retry(clientId: string): void {
    const pending = this.#pending.find((p) => p.clientId === clientId);
    if (pending && pending.state === "failed") void this.#attempt(pending);
  }

  /** The operator gives up on a message: it leaves the list and is never sent. */
  discard(clientId: string): void {
    this.#pending = this.#pending.filter((p) => p.clientId !== clientId || p.state === "sending");
    this.#store.changed();
  }

  /** The connection is back: what it held up goes out now, in order. */
  resendAfterReconnect(): void {
    for (const pending of this.#pending) if (pending.state === "failed" && pending.error?.code === "CONNECTION_LOST") void this.#attempt(pending);
  }

  #attempt(pending: PendingSend): Promise<Ack> {
    pending.state = "sending";
    pending.error = undefined;
    this.#store.changed();
    const run = this.#queue.then(async () => {
      // Discarded while it waited its turn.
      if (!this.#pending.includes(pending)) return { ok: false as const, error: { code: "BAD_REQUEST" as const, message: "" } };
      // Known to be down: say so at once rather than after a wait; the reconnect sends it.
      const ack: Ack = this.#store.connection.lost
        ? { ok: false, error: { code: "CONNECTION_LOST", message: "" } }
        : await this.#deliver(pending.conversationId, pending.clientId, pending.body, pending.options);
      if (ack.ok) this.#pending = this.#pending.filter((p) => p !== pending);
      else Object.assign(pending, { state: "failed", error: ack.error });
      this.#store.changed();
      return ack;
    });
    this.#queue = run;
    return run;
  }
}
