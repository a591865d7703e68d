// Both namespaces first check the protocol version a client speaks, so a client cached from before an
// upgrade is told to reload (PROTOCOL_VERSION) instead of being served events it does not understand.
import { errorBody, pickLocale, speaksProtocol, type ErrorBody } from "@live-chat/protocol";
import type { Socket } from "socket.io";

/** A connect_error whose `data` the clients read: the code, a message in the client's language, and the server's version. */
export interface ProtocolVersionRefusal extends Error {
  data: ErrorBody & { serverVersion: string };
}

export function checkProtocolVersion(serverVersion: string) {
  return (socket: Socket, next: (err?: Error) => void): void => {
    const sent: unknown = (socket.handshake.auth as { protocolVersion?: unknown } | undefined)?.protocolVersion;
    const version = typeof sent === "string" ? sent : undefined;
    if (sent === undefined || (version !== undefined && speaksProtocol(version))) return next();
    const hint = (socket.handshake.auth as { locale?: unknown }).locale;
    const locale = pickLocale(typeof hint === "string" ? hint : socket.handshake.headers["accept-language"]);
    const refusal = new Error("PROTOCOL_VERSION") as ProtocolVersionRefusal;
    refusal.data = { ...errorBody("PROTOCOL_VERSION", locale), serverVersion };
    next(refusal);
  };
}
