// Live visitors: who has the site open on THIS node, the page they are on and the pages before it in
// this visit. Kept in memory only (nothing about browsing is stored); the realtime layer shares it
// across cluster nodes. Methods return what changed; the caller batches and announces it.
import { LIVE_LIMITS, type LiveVisitor, type LiveVisitorsDelta, type Locale, type TrailStep } from "@live-chat/protocol";

interface Entry {
  id: string;
  name?: string;
  locale?: Locale;
  timeZone?: string;
  since: number;
  trail: TrailStep[];
  onPageSince?: number;
  sockets: number;
  /** When the last socket on this node went; the entry is dropped once the grace has passed. */
  goneAt?: number;
  conversationId?: string;
  previousConversations: number;
  invitedBy?: { operatorId: string; name: string };
  dismissedInvitation: boolean;
  /** The automatic invitation is offered once per visit. */
  autoInvited: boolean;
}

/** What one node hands another when a visitor's next page load lands there. */
export type VisitSnapshot = Omit<Entry, "sockets" | "goneAt">;

export interface VisitorProfile {
  name?: string;
  locale?: Locale;
  timeZone?: string;
  conversationId?: string;
  previousConversations?: number;
}

export class LiveVisitors {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new Set<string>();
  private readonly removed = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A socket of this visitor connected here: the visit begins, or carries on after a page load. */
  connected(id: string, profile: VisitorProfile): void {
    const entry = this.entries.get(id);
    if (entry) {
      entry.sockets++;
      entry.goneAt = undefined;
      Object.assign(entry, definedOnly(profile));
    } else {
      this.entries.set(id, { id, since: this.now(), trail: [], sockets: 1, previousConversations: 0, dismissedInvitation: false, autoInvited: false, ...definedOnly(profile) });
    }
    this.touch(id);
  }

  /** Facts read after the connect (name, earlier chats), filled in once the database answered. */
  update(id: string, profile: VisitorProfile): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    Object.assign(entry, definedOnly(profile));
    this.touch(id);
  }

  localeOf(id: string): Locale | undefined {
    return this.entries.get(id)?.locale;
  }

  /** A socket went; the visitor stays listed for the grace period (the next page load reconnects). */
  disconnected(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.sockets = Math.max(0, entry.sockets - 1);
    if (entry.sockets === 0) entry.goneAt = this.now();
  }

  /** The visitor is on `url` now. Returns false when nothing changed (the same page reported again). */
  page(id: string, url: string, title?: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    const current = entry.trail.at(-1);
    if (current && current.url === url) {
      if (title === undefined || current.title === title) return false;
      current.title = title;
    } else {
      entry.trail.push({ url, ...(title ? { title } : {}), at: new Date(this.now()).toISOString() });
      if (entry.trail.length > LIVE_LIMITS.trail) entry.trail.splice(0, entry.trail.length - LIVE_LIMITS.trail);
      entry.onPageSince = this.now();
    }
    this.touch(id);
    return true;
  }

  setConversation(id: string, conversationId: string | undefined): void {
    const entry = this.entries.get(id);
    if (!entry || entry.conversationId === conversationId) return;
    entry.conversationId = conversationId;
    if (conversationId) entry.invitedBy = undefined;
    this.touch(id);
  }

  /**
   * Records an invitation; refuses (with the reason) when the visitor is gone or said no this visit.
   * Whether they are in a chat the caller asks the database: a chat closed elsewhere is not seen here.
   */
  invite(id: string, by: { operatorId: string; name: string }): "ok" | "gone" | "dismissed" {
    const entry = this.entries.get(id);
    if (!entry || entry.sockets === 0) return "gone";
    if (entry.dismissedInvitation) return "dismissed";
    entry.conversationId = undefined;
    entry.invitedBy = by;
    this.touch(id);
    return "ok";
  }

  dismissInvitation(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.dismissedInvitation = true;
    entry.invitedBy = undefined;
    this.touch(id);
  }

  /** Who invited the visitor, if an invitation is open (the answer goes to them). */
  inviter(id: string): { operatorId: string; name: string } | undefined {
    return this.entries.get(id)?.invitedBy;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /**
   * Visitors on a page matching the rule for at least `afterMs`, not in a chat, never invited
   * automatically this visit and who did not dismiss an invitation. Marks them as offered.
   */
  dueForAutoInvite(afterMs: number, matches: (url: string) => boolean): string[] {
    const due: string[] = [];
    const now = this.now();
    for (const entry of this.entries.values()) {
      const url = entry.trail.at(-1)?.url;
      if (!url || entry.sockets === 0 || entry.conversationId || entry.dismissedInvitation || entry.autoInvited || entry.invitedBy) continue;
      if (now - (entry.onPageSince ?? now) < afterMs || !matches(url)) continue;
      entry.autoInvited = true;
      due.push(entry.id);
    }
    return due;
  }

  /** Visitors whose last socket here went longer than `graceMs` ago (the caller drops them). */
  expire(graceMs: number): string[] {
    const cutoff = this.now() - graceMs;
    const gone: string[] = [];
    for (const entry of this.entries.values()) if (entry.goneAt !== undefined && entry.goneAt <= cutoff) gone.push(entry.id);
    return gone;
  }

  /** Forgets a visitor; `announce` = tell operators they left (false when another node has them now). */
  drop(id: string, announce: boolean): void {
    if (!this.entries.delete(id)) return;
    this.changed.delete(id);
    if (announce) this.removed.add(id);
  }

  /** The visit's state for the node where the visitor's next page load arrived; forgotten here when no socket is left. */
  handOver(id: string): VisitSnapshot | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const { sockets, goneAt: _goneAt, ...snapshot } = entry;
    if (sockets === 0) this.drop(id, false);
    return structuredClone(snapshot);
  }

  /** Merges a visit handed over by another node: its earlier pages first, its choices kept. */
  takeOver(snapshot: VisitSnapshot): void {
    const entry = this.entries.get(snapshot.id);
    if (!entry) return;
    const seen = new Set(entry.trail.map((s) => `${s.at} ${s.url}`));
    const trail = [...snapshot.trail.filter((s) => !seen.has(`${s.at} ${s.url}`)), ...entry.trail].sort((a, b) => a.at.localeCompare(b.at));
    entry.trail = trail.slice(-LIVE_LIMITS.trail);
    entry.since = Math.min(entry.since, snapshot.since);
    if (entry.trail.at(-1)?.url === snapshot.trail.at(-1)?.url && snapshot.onPageSince !== undefined) entry.onPageSince = Math.min(entry.onPageSince ?? Infinity, snapshot.onPageSince);
    entry.dismissedInvitation ||= snapshot.dismissedInvitation;
    entry.autoInvited ||= snapshot.autoInvited;
    entry.invitedBy ??= snapshot.invitedBy;
    this.touch(snapshot.id);
  }

  /** Everyone listed here who has reported a page. */
  list(): LiveVisitor[] {
    const out: LiveVisitor[] = [];
    for (const entry of this.entries.values()) {
      const view = present(entry);
      if (view) out.push(view);
    }
    return out;
  }

  get size(): number {
    return this.entries.size;
  }

  /** What changed since the last call, or null when nothing did. */
  takeDelta(): LiveVisitorsDelta | null {
    if (this.changed.size === 0 && this.removed.size === 0) return null;
    const upserted: LiveVisitor[] = [];
    for (const id of this.changed) {
      const entry = this.entries.get(id);
      const view = entry && present(entry);
      if (view) upserted.push(view);
    }
    const delta = { upserted, removed: [...this.removed] };
    this.changed.clear();
    this.removed.clear();
    return delta.upserted.length + delta.removed.length > 0 ? delta : null;
  }

  private touch(id: string): void {
    this.changed.add(id);
    this.removed.delete(id);
  }
}

/** A visitor appears on the list once the widget has told us a page (track-pages="off" never does). */
function present(entry: Entry): LiveVisitor | undefined {
  const current = entry.trail.at(-1);
  if (!current) return undefined;
  return {
    id: entry.id,
    ...(entry.name ? { name: entry.name } : {}),
    pageUrl: current.url,
    ...(current.title ? { pageTitle: current.title } : {}),
    onPageSince: new Date(entry.onPageSince ?? entry.since).toISOString(),
    trail: entry.trail,
    ...(entry.conversationId ? { conversationId: entry.conversationId } : {}),
    previousConversations: entry.previousConversations,
    ...(entry.locale ? { locale: entry.locale } : {}),
    ...(entry.timeZone ? { timeZone: entry.timeZone } : {}),
    since: new Date(entry.since).toISOString(),
    ...(entry.invitedBy ? { invited: true } : {}),
    ...(entry.dismissedInvitation ? { dismissedInvitation: true } : {}),
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
