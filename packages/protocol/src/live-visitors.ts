// Live visitors (issue #15): who is on the site now, where, and an invitation to chat. Shapes and
// schemas in one place; the launcher imports only the constants, so it stays free of zod.
import type { Locale, Status } from "./types.js";

/** Longest page address and title a report may carry (longer ones are refused, not cut). */
export const LIVE_LIMITS = { url: 2048, title: 300, trail: 50, invitation: 500, pattern: 300 } as const;

/** One page of a visit, in the order the visitor saw them. */
export interface TrailStep {
  url: string;
  title?: string;
  at: string;
}

/** A visitor who has the site open now. Nothing here is stored; it lives as long as the visit. */
export interface LiveVisitor {
  id: string;
  name?: string;
  pageUrl: string;
  pageTitle?: string;
  /** Since when the visitor is on the current page. */
  onPageSince: string;
  /** The pages before the current one in this visit, oldest first; the current page is the last. */
  trail: TrailStep[];
  /** The open chat, when the visitor is in one. */
  conversationId?: string;
  /** How many chats the visitor had before (closed or left), the open one excluded. */
  previousConversations: number;
  locale?: Locale;
  timeZone?: string;
  /** When this visit began. */
  since: string;
  /** An invitation sent and not yet answered or dismissed. */
  invited?: boolean;
  /** The visitor dismissed an invitation during this visit: none is sent again. */
  dismissedInvitation?: boolean;
}

/** Batched changes to the live list, at most one every LIVE_BATCH_MS per node. */
export interface LiveVisitorsDelta {
  upserted: LiveVisitor[];
  removed: string[];
}

export const LIVE_BATCH_MS = 500;

/** What the widget shows: a short proactive message from an operator. */
export interface InvitationPayload {
  body: string;
  operator: { name: string };
}

/** One earlier conversation of a visitor, for the visitor panel. */
export interface VisitorConversation {
  id: string;
  status: Status;
  createdAt: string;
  closedAt?: string;
  operator?: { id: string; name: string };
  reasonIds: string[];
  rating?: { score: number; comment?: string };
  messageCount: number;
}

/** "Visitor 12": a short, stable number for a visitor without a name, the same on every node and tab. */
export function visitorNumber(visitorId: string): number {
  let hash = 0;
  for (let i = 0; i < visitorId.length; i++) hash = (hash * 31 + visitorId.charCodeAt(i)) >>> 0;
  return (hash % 9999) + 1;
}

/**
 * Whether a page address matches an automatic-invitation pattern: the pattern may occur anywhere
 * in the address, `*` stands for any run of characters, everything else is literal; an empty
 * pattern matches every page.
 */
export function pageMatches(pattern: string, url: string): boolean {
  if (pattern.trim() === "") return true;
  const escaped = pattern.trim().split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(escaped, "i").test(url);
}
