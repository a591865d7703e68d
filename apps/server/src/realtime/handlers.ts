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

export function bindHandlers<Schemas extends Record<string, ZodType>>(
  socket: Socket,
  schemas: Schemas,
  handlers: { [K in keyof Schemas]: Handler<ReturnType<Schemas[K]["parse"]>> },
  locale: () => Locale,
  log: Logger,
  work: BackgroundWork,
): void {
  // One listener per socket for every event (not one per event): thousands of idle visitors each hold less.
  socket.onAny(async (event: string, ...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack: Ack = typeof last === "function" ? (last as Ack) : () => undefined;
    if (!Object.hasOwn(schemas, event)) {
      if (typeof last === "function") ack({ ok: false, error: errorBody("BAD_REQUEST", locale(), undefined, `${errorBody("BAD_REQUEST", locale()).message} (${event})`) });
      return;
    }
    const payload = args.length > 0 && typeof args[0] !== "function" ? args[0] : undefined;
    const parsed = schemas[event]!.safeParse(payload);
    if (!parsed.success) return ack({ ok: false, error: fromZod(parsed.error, locale()).body(locale()) });
    try {
      const result = await work.track(handlers[event as keyof Schemas]!(parsed.data as never));
      ack({ ok: true, ...(result ?? {}) });
    } catch (err) {
      if (!(err instanceof AppError)) log.error({ err, event }, "socket handler failed");
      ack({ ok: false, error: toErrorBody(err, locale()).body });
    }
  });
}
