// The one place the widget opens its /visitor socket and asks the server something over it,
// so the handshake (what the visitor presents on every connect) is read and changed here alone.
import { io, type Socket } from "socket.io-client";
import type { HandshakeRateLimited, Locale, VisitorClientToServerEvents, VisitorServerToClientEvents } from "@live-chat/protocol";
import { PROTOCOL_VERSION } from "@live-chat/protocol/version";
import { readStored, writeStored } from "../storage.js";

export type VisitorSocket = Socket<VisitorServerToClientEvents, VisitorClientToServerEvents>;
type Requests = VisitorClientToServerEvents;
export type PayloadOf<E extends keyof Requests> = Parameters<Requests[E]>[0];
export type AckOf<E extends keyof Requests> = Parameters<NonNullable<Parameters<Requests[E]>[1]>>[0];

const ACK_TIMEOUT_MS = 15_000;

export interface VisitorIdentity {
  server: string;
  locale: Locale;
  name?: string;
  email?: string;
  identity?: string;
  /** False when the site set track-pages="off": the handshake then carries no page address either. */
  trackPages?: boolean;
  /** Called once the browser has forgotten an erased visitor, so what is on screen goes too. */
  onErased?: () => void;
}

export function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The server refused the handshake because this widget speaks an older protocol: only a reload helps. */
export function isOutdated(err: Error): boolean {
  return err.message === "PROTOCOL_VERSION";
}

/**
 * Seconds until the server takes this widget again, when it refused the handshake because too many
 * new visitors came from this network just now; null for any other refusal. Socket.IO does not
 * retry a refused handshake by itself.
 */
export function rateLimitedFor(err: Error): number | null {
  if (err.message !== "RATE_LIMITED") return null;
  const data = (err as Error & { data?: Partial<HandshakeRateLimited> }).data;
  const seconds = data?.retryAfterSeconds;
  return typeof seconds === "number" && seconds > 0 ? Math.min(seconds, 3600) : 60;
}

export function openVisitorSocket(visitor: VisitorIdentity): VisitorSocket {
  const { server } = visitor;
  const socket: VisitorSocket = io(`${server}/visitor`, {
    transports: ["websocket", "polling"],
    tryAllTransports: true,
    // Backoff with jitter, so a restarted server is not met by every widget in the same instant.
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.5,
    // A function, so every reconnect presents the latest token.
    auth: (cb) =>
      cb({
        visitorToken: readStored<string>(server, "token"),
        name: present(visitor.name),
        email: present(visitor.email),
        locale: visitor.locale,
        identity: present(visitor.identity),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        pageUrl: visitor.trackPages === false ? undefined : location.href.slice(0, 2048),
        protocolVersion: PROTOCOL_VERSION,
      }),
  });
  // The visitor was erased (GDPR): this browser forgets what it kept of them (token, chat, outbox, the files' bytes)
  // and connects again as a new visitor; the settings stay, they are the site's. Registered before any `session`
  // handler, so the launcher and the panel store the new visitor's token into emptied storage.
  socket.on("visitor:erased", () => {
    for (const item of ["token", "conversation", "left", "seen", "outbox", "open"] as const) writeStored(server, item);
    visitor.onErased?.();
    // The server cuts this connection off next, for good: a new one, without the forgotten token, is a new visitor.
    socket.disconnect().connect();
    // Last: where storage is blocked (an opaque origin) this throws, and there were no files to forget.
    indexedDB.deleteDatabase("live-chat-files");
  });
  return socket;
}

/** Emits and waits for the ack; null when there was no answer (not connected, or timed out). */
export async function request<E extends keyof Requests>(socket: VisitorSocket | undefined, event: E, payload: PayloadOf<E>): Promise<AckOf<E> | null> {
  if (!socket?.connected) return null;
  try {
    // The event map's overloads do not narrow through a generic key; the payload type is checked above.
    const timed = socket.timeout(ACK_TIMEOUT_MS);
    const emit = timed.emitWithAck as (ev: E, p: PayloadOf<E>) => Promise<AckOf<E>>;
    return await emit.call(timed, event, payload);
  } catch {
    return null;
  }
}
