// The inbox's one /operator socket: how it is opened, its state (lost, presence) and the
// acked calls every domain makes through it.
import { io, type Socket } from "socket.io-client";
import {
  ERROR_MESSAGES,
  PROTOCOL_VERSION,
  type Ack,
  type ErrorBody,
  type Locale,
  type OperatorClientToServerEvents,
  type OperatorServerToClientEvents,
  type Presence,
} from "@live-chat/protocol";
import type { StoreContext } from "./context.js";

export type OperatorSocket = Socket<OperatorServerToClientEvents, OperatorClientToServerEvents>;
type Events = OperatorClientToServerEvents;
export type AckOf<E extends keyof Events> = Parameters<NonNullable<Parameters<Events[E]>[1]>>[0];

const ACK_TIMEOUT_MS = 10_000;

/** Everything the server needs to know about this socket when it connects. */
export function openOperatorSocket(token: string): OperatorSocket {
  return io(`${location.origin}/operator`, { auth: { token, protocolVersion: PROTOCOL_VERSION }, ...RECONNECT });
}

/** Backoff with jitter, so a restarted server is not met by every inbox in the same instant. */
const RECONNECT = { reconnectionDelay: 500, reconnectionDelayMax: 5000, randomizationFactor: 0.5 } as const;

export class Connection {
  #socket: OperatorSocket | null = null;
  /** True once a connection dropped or was refused, until it is back. */
  lost = false;
  /** The server speaks a newer protocol than this page: nothing but a reload helps. */
  outdated = false;
  presence: Presence;
  /** The language stored on the account; the server reads it when a socket connects. */
  accountLocale: Locale;
  /** The language this socket's errors come in: the account's when it connected. */
  #socketLocale: Locale;

  readonly #store: StoreContext;

  constructor(store: StoreContext) {
    this.#store = store;
    this.presence = store.user.presence ?? "offline";
    this.accountLocale = this.#socketLocale = store.user.locale ?? store.locale;
  }

  open(): OperatorSocket {
    this.#socket = openOperatorSocket(this.#store.token);
    addEventListener("online", this.#retryNow);
    document.addEventListener("visibilitychange", this.#retryNow);
    return this.#socket;
  }

  /**
   * The network is back or the tab came to the foreground (a laptop waking up): try now instead of
   * waiting out the backoff. Restarting the manager is the one way to cut socket.io's timer short.
   */
  #retryNow = (): void => {
    const socket = this.#socket;
    if (!socket || socket.connected || this.outdated || document.visibilityState !== "visible") return;
    socket.disconnect();
    socket.connect();
  };

  /** After a reconnect the server hears again what this operator last chose: a restart is not a sign-out. */
  reassertPresence(): void {
    if (this.presence !== "offline") void this.setPresence(this.presence);
  }

  close(): void {
    removeEventListener("online", this.#retryNow);
    document.removeEventListener("visibilitychange", this.#retryNow);
    this.#socket?.removeAllListeners();
    this.#socket?.disconnect();
    this.#socket = null;
  }

  /** The socket is (back) up: its errors now come in the account's language. */
  up(): void {
    this.#socketLocale = this.accountLocale;
    this.lost = false;
    this.#store.changed();
  }

  down(): void {
    this.lost = true;
    this.#store.changed();
  }

  refusedAsOutdated(): void {
    this.outdated = true;
    this.down();
  }

  async setPresence(status: Presence): Promise<Ack> {
    const ack = await this.call("presence:set", { status });
    if (ack.ok) this.presence = status;
    this.#store.changed();
    return ack;
  }

  /** The error to show for a failed ack: the server's words when they are in the operator's language, else ours. */
  errorText(error: ErrorBody): string {
    const ours = (ERROR_MESSAGES[error.code] as Record<Locale, string> | undefined)?.[this.#store.locale];
    if (error.message && this.#socketLocale === this.#store.locale) return error.message;
    return ours || error.message;
  }

  /** Sends without waiting for an answer, and only while connected: a stale signal is worse than none. */
  signal(conversationId: string, typing: boolean): void {
    if (this.#socket?.connected) this.#socket.emit("typing", { conversationId, typing });
  }

  async call<E extends keyof Events>(event: E, payload: Parameters<Events[E]>[0]): Promise<AckOf<E>> {
    // No socket, none within the wait, or no answer in time: the server may not have it, and saying
    // "something went wrong" would hide that the connection is the trouble.
    const offline = { ok: false as const, error: { code: "CONNECTION_LOST" as const, message: "" } };
    const socket = this.#socket;
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
