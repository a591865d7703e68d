// Reply addresses `reply+<token>@<domain>`: the token names what a reply belongs to (a conversation
// or an offline message) and carries an HMAC under the session secret, so it cannot be forged.
import { timingSafeEqual } from "node:crypto";
import type { TokenService } from "../auth/tokens.js";

export type ReplyTarget = { kind: "conversation"; id: string } | { kind: "offline"; id: string };

const PREFIX = { conversation: "c", offline: "o" } as const;
const PURPOSE = "mail-reply";
/** 20 hex characters (80 bits): short enough for a local part, far too many to guess. */
const SIGNATURE_LENGTH = 20;

export function replyToken(tokens: TokenService, target: ReplyTarget): string {
  const subject = `${PREFIX[target.kind]}-${target.id}`;
  return `${subject}-${tokens.mac(PURPOSE, subject, "hex").slice(0, SIGNATURE_LENGTH)}`;
}

export function replyAddress(tokens: TokenService, domain: string, target: ReplyTarget): string {
  return `reply+${replyToken(tokens, target)}@${domain}`;
}

export type ParsedRecipient = { status: "none" } | { status: "forged" } | { status: "ok"; target: ReplyTarget };

/**
 * What a recipient address says: not a reply address at all, a reply address whose token does not
 * verify, or the target it names. Mail systems may change the case of a local part; ids are lowercase.
 */
export function parseReplyAddress(tokens: TokenService, address: string): ParsedRecipient {
  const match = /^reply\+([^@]+)@/i.exec(address.trim().replace(/^<|>$/g, ""));
  if (!match) return { status: "none" };
  const parts = match[1]!.toLowerCase().split("-");
  if (parts.length !== 3) return { status: "forged" };
  const [prefix, id, signature] = parts as [string, string, string];
  const kind = prefix === PREFIX.conversation ? "conversation" : prefix === PREFIX.offline ? "offline" : undefined;
  if (!kind || !/^[a-z0-9]{1,64}$/.test(id)) return { status: "forged" };
  const expected = Buffer.from(tokens.mac(PURPOSE, `${prefix}-${id}`, "hex").slice(0, SIGNATURE_LENGTH));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: "forged" };
  return { status: "ok", target: { kind, id } };
}
