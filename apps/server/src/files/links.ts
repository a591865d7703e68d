// Short-lived signed links to a file: bound to the attachment, the variant (file or thumbnail) and
// the audience (the signed-in team, or the one visitor whose chat it is), so a link copied out of a
// transcript stops working and one visitor's link is no key to another's files.
import { timingSafeEqual } from "node:crypto";
import type { TokenService } from "../auth/tokens.js";

export type Variant = "file" | "thumbnail";
/** Operators must also be signed in; a visitor's link alone works in an <img>, which sends no headers. */
export type Audience = { kind: "operator" } | { kind: "visitor"; visitorId: string };

/** Links live this long, rounded up to a 5-minute step so the same file keeps one URL for a while (browser cache). */
export const LINK_LIFETIME_S = 15 * 60;
const STEP_S = 5 * 60;

const PURPOSE = "file-link";
const audienceText = (a: Audience) => (a.kind === "operator" ? "operator" : `visitor:${a.visitorId}`);

export function signLink(tokens: TokenService, attachmentId: string, variant: Variant, audience: Audience, nowMs = Date.now()): string {
  const exp = Math.ceil((nowMs / 1000 + LINK_LIFETIME_S) / STEP_S) * STEP_S;
  const sig = tokens.mac(PURPOSE, `${attachmentId}|${variant}|${exp}|${audienceText(audience)}`);
  const path = variant === "file" ? `/api/files/${attachmentId}` : `/api/files/${attachmentId}/thumbnail`;
  return `${path}?for=${audience.kind}&exp=${exp}&sig=${sig}`;
}

export type LinkCheck = "valid" | "bad" | "expired";

export function checkLink(tokens: TokenService, attachmentId: string, variant: Variant, audience: Audience, exp: number, sig: string, nowMs = Date.now()): LinkCheck {
  const expected = Buffer.from(tokens.mac(PURPOSE, `${attachmentId}|${variant}|${exp}|${audienceText(audience)}`));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "bad";
  return exp * 1000 < nowMs ? "expired" : "valid";
}
