// The server's one logger (pino, JSON lines). Logs never carry what people wrote or what proves who
// they are: the usual places for those are censored here too, in case a future log call passes one.
import { pino, type Logger } from "pino";

export type { Logger };

/** Keys whose values are message bodies, passwords, tokens or session cookies, at the top level and one level down. */
const SECRET_KEYS = ["body", "password", "token", "visitorToken", "identity", "authorization", "cookie"];
const REDACT = [...SECRET_KEYS, ...SECRET_KEYS.map((key) => `*.${key}`), "req.headers.authorization", "req.headers.cookie"];

export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime, redact: { paths: REDACT, censor: "[redacted]" } });
}
