// Binds validated, acknowledged handlers to a socket: every event gets one ack, ok or an error in
// the caller's language; unknown events and bad payloads get BAD_REQUEST and change nothing.
import type { Socket } from "socket.io";
import { errorBody, type Locale } from "@live-chat/protocol";
import type { ZodType } from "zod";
import { AppError, fromZod, toErrorBody } from "../errors.js";
import type { Logger } from "../log.js";
import type { BackgroundWork } from "../background.js";

type Ack = (response: object) => void;
type Handler<T> = (payload: T) => Promise<object | void>;
type SocketHandler<S, T> = (socket: S, payload: T) => Promise<object | void>;

/**
 * One `onAny` listener shared by every socket of a namespace: the handlers take the socket as their
 * first argument, so a connection holds no closures of its own (10,000 idle visitors, 10,000 fewer
 * sets of handler functions). Socket.IO calls an any-listener with the socket as `this`.
 */
export function sharedHandlers<S extends Socket, Schemas extends Record<string, ZodType>>(
  schemas: Schemas,
  handlers: { [K in keyof Schemas]: SocketHandler<S, ReturnType<Schemas[K]["parse"]>> },
  locale: (socket: S) => Locale,
  log: Logger,
  work: BackgroundWork,
): (this: S, event: string, ...args: unknown[]) => Promise<void> {
  return async function onEvent(this: S, event: string, ...args: unknown[]) {
    const socket = this;
    const last = args[args.length - 1];
    const ack: Ack = typeof last === "function" ? (last as Ack) : () => undefined;
    if (!Object.hasOwn(schemas, event)) {
      if (typeof last === "function") ack({ ok: false, error: errorBody("BAD_REQUEST", locale(socket), undefined, `${errorBody("BAD_REQUEST", locale(socket)).message} (${event})`) });
      return;
    }
    const payload = args.length > 0 && typeof args[0] !== "function" ? args[0] : undefined;
    const parsed = schemas[event]!.safeParse(payload);
    if (!parsed.success) return ack({ ok: false, error: fromZod(parsed.error, locale(socket)).body(locale(socket)) });
    try {
      const result = await work.track(handlers[event as keyof Schemas]!(socket, parsed.data as never));
      ack({ ok: true, ...(result ?? {}) });
    } catch (err) {
      if (!(err instanceof AppError)) log.error({ err, event }, "socket handler failed");
      ack({ ok: false, error: toErrorBody(err, locale(socket)).body });
    }
  };
}

/** The same for one socket whose handlers close over its own state (an operator's few sockets). */
export function bindHandlers<Schemas extends Record<string, ZodType>>(
  socket: Socket,
  schemas: Schemas,
  handlers: { [K in keyof Schemas]: Handler<ReturnType<Schemas[K]["parse"]>> },
  locale: () => Locale,
  log: Logger,
  work: BackgroundWork,
): void {
  const perSocket = Object.fromEntries(Object.entries(handlers).map(([event, handler]) => [event, (_socket: Socket, payload: unknown) => handler(payload as never)])) as never;
  socket.onAny(sharedHandlers(schemas, perSocket, locale, log, work));
}
