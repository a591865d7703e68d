// The wire protocol's version: clients send it in the handshake, the server refuses a major it does not speak,
// so a widget cached from before an upgrade says "please reload" instead of misbehaving quietly.

/** `major.minor`: a new minor only adds (events, optional fields); a new major changes what exists. */
export const PROTOCOL_VERSION = "1.1";

/** The major number of a version string, or null when it is not `major.minor`. */
export function protocolMajor(version: string): number | null {
  const match = /^(\d{1,4})\.(\d{1,4})$/.exec(version);
  return match ? Number(match[1]) : null;
}

/**
 * Whether a server speaking PROTOCOL_VERSION can serve a client that sent `version`. A client that sends
 * none predates versioning and speaks major 1.
 */
export function speaksProtocol(version: string | undefined): boolean {
  const ours = protocolMajor(PROTOCOL_VERSION);
  return version === undefined ? ours === 1 : protocolMajor(version) === ours;
}
